import { execFile } from 'node:child_process';

/** The environment of a process that knows nothing of this workspace or of the pnpm running it. */
export const outsideEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|turbo_)/i.test(key) || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
};

/**
 * Runs `command` to completion and resolves to its standard output; rejects with everything it
 * printed when it fails, exits non-zero or outlives `timeoutMs`.
 */
export const runCommand = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const output = [stdout, stderr].filter((text) => text.trim() !== '').join('\n');
        reject(
          new Error(
            `${command} ${args.join(' ')} failed in ${options.cwd}: ${error.message}\n${output}`,
          ),
        );
      },
    );
  });
