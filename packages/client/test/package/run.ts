/**
 * `pnpm test:package`: packs @shelf/contracts and @shelf/client as they would be published, installs
 * the tarballs with npm into a project outside the workspace, type-checks a consumer script there
 * (NodeNext and bundler resolution) and runs it against a real Shelf API started in this process.
 * Exits non-zero on any failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { startApi } from '../api-server.js';
import {
  consumerVersion,
  createConsumerProject,
  runConsumer,
  typeCheckConsumer,
} from './consumer-project.js';
import { packPackage, publishProblems, type PackedPackage } from './pack.js';

const PACKAGES_DIR = join(import.meta.dirname, '..', '..', '..');
const CONSUMER_SCRIPT = join(import.meta.dirname, 'consumer', 'smoke.ts');

const ConsumerReportSchema = z.object({
  ok: z.literal(true),
  listed: z.number(),
  created: z.string(),
  routes: z.array(z.string()),
  openApiPaths: z.number(),
});

const started = Date.now();
const step = (message: string) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`[${seconds.padStart(5)} s] ${message}\n`);
};

const checkPacked = (packed: PackedPackage) => {
  const { name, version } = packed.manifest;
  const problems = publishProblems(packed);
  if (problems.length > 0)
    throw new Error(`${name} is not publishable:\n  ${problems.join('\n  ')}`);
  step(
    `packed ${name}@${version}: ${packed.files.length} files, exports ${Object.keys(packed.manifest.exports).join(' ')}`,
  );
};

const workDir = mkdtempSync(join(tmpdir(), 'shelf-package-test-'));
let api: Awaited<ReturnType<typeof startApi>> | undefined;
try {
  api = await startApi();
  const contracts = await packPackage(
    join(PACKAGES_DIR, 'contracts'),
    join(workDir, 'packs', 'contracts'),
  );
  checkPacked(contracts);
  const client = await packPackage(join(PACKAGES_DIR, 'client'), join(workDir, 'packs', 'client'));
  checkPacked(client);
  const contractsRange = client.manifest.dependencies['@shelf/contracts'];
  if (contractsRange !== `^${contracts.manifest.version}`) {
    throw new Error(`@shelf/client depends on @shelf/contracts@${String(contractsRange)}`);
  }

  const consumerDir = join(workDir, 'consumer');
  await createConsumerProject(
    consumerDir,
    { '@shelf/client': client.tarball, '@shelf/contracts': contracts.tarball },
    CONSUMER_SCRIPT,
  );
  const peers = ['zod', '@ts-rest/core'].map(
    (name) => `${name}@${consumerVersion(consumerDir, name)}`,
  );
  step(
    `installed both tarballs with npm in ${consumerDir} (peers from the registry: ${peers.join(', ')})`,
  );

  await typeCheckConsumer(consumerDir);
  step('type-checked the consumer script (strict; NodeNext without DOM types, and Bundler)');

  const output = await runConsumer(consumerDir, api.url);
  const report = ConsumerReportSchema.parse(JSON.parse(output.trim().split('\n').at(-1) ?? ''));
  const readBack = await fetch(`${api.url}/api/books/${report.created}`, {
    headers: { authorization: `Basic ${Buffer.from('alice:secret123').toString('base64')}` },
  });
  if (readBack.status !== 200) throw new Error(`the created book answers ${readBack.status}`);
  step(
    `ran the consumer against ${api.url}: logged in, listed ${report.listed} books, created ${report.created}; openapi.json has ${report.openApiPaths} paths`,
  );
  step('package test passed');
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(
    `\npackage test FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
  );
} finally {
  await api?.stop();
  rmSync(workDir, { recursive: true, force: true });
}
