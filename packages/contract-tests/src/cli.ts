/** `pnpm test:contract --base-url URL [--username U --password P]`: tours a running Shelf. */
import { parseArgs } from 'node:util';
import { runContractTour } from './run-tour.js';

const USAGE = 'usage: pnpm test:contract --base-url URL [--username U --password P]';

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const baseUrl = values['base-url'];
  if (values.help === true || baseUrl === undefined) {
    print(USAGE);
    return values.help === true ? 0 : 2;
  }
  const { username, password } = values;
  if ((username === undefined) !== (password === undefined)) {
    print(`--username and --password go together\n${USAGE}`);
    return 2;
  }
  const report = await runContractTour({
    baseUrl,
    credentials:
      username === undefined || password === undefined ? undefined : { username, password },
    print,
  });
  return report.failed === 0 ? 0 : 1;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
  },
);
