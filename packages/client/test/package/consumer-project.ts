import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { outsideEnv, runCommand } from './run-command.js';

const require = createRequire(import.meta.url);

/** The version of a tool this workspace has installed, so the consumer uses the same one. */
const installedVersion = (name: string): string => {
  const manifest: unknown = JSON.parse(
    readFileSync(require.resolve(`${name}/package.json`), 'utf8'),
  );
  return z.object({ version: z.string() }).parse(manifest).version;
};

const writeJson = (path: string, value: unknown) =>
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/** A strict Node consumer: NodeNext resolution, no DOM types, library declarations checked too. */
const NODE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    types: ['node'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    rootDir: 'src',
    outDir: 'out',
  },
  include: ['src'],
};

/** The same script as a bundled app sees it. */
const BUNDLER_TSCONFIG = {
  extends: './tsconfig.json',
  compilerOptions: { module: 'Preserve', moduleResolution: 'Bundler', noEmit: true },
};

/**
 * Creates, in `dir` (outside the workspace), a project that depends on the packed tarballs and
 * holds `script` as src/smoke.ts, then installs it with npm from the registry: the packages' peers
 * (zod, @ts-rest/core) are installed by npm, not taken from the workspace.
 */
export const createConsumerProject = async (
  dir: string,
  tarballs: Record<string, string>,
  script: string,
): Promise<void> => {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const dependencies = Object.fromEntries(
    Object.entries(tarballs).map(([name, tarball]) => [name, `file:${tarball}`]),
  );
  writeJson(join(dir, 'package.json'), {
    name: 'shelf-package-consumer',
    private: true,
    type: 'module',
    dependencies,
    devDependencies: {
      '@types/node': installedVersion('@types/node'),
      typescript: installedVersion('typescript'),
    },
    // The client's range for @shelf/contracts must be met by the tarball, never by the registry.
    overrides: dependencies,
  });
  writeJson(join(dir, 'tsconfig.json'), NODE_TSCONFIG);
  writeJson(join(dir, 'tsconfig.bundler.json'), BUNDLER_TSCONFIG);
  copyFileSync(script, join(dir, 'src', 'smoke.ts'));
  await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: dir, env: outsideEnv(), timeoutMs: 180_000 },
  );
};

/** The version npm installed in the consumer project for `name`. */
export const consumerVersion = (dir: string, name: string): string => {
  const manifest: unknown = JSON.parse(
    readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8'),
  );
  return z.object({ version: z.string() }).parse(manifest).version;
};

/** Type-checks the consumer for Node (emitting out/smoke.js) and for a bundler. */
export const typeCheckConsumer = async (dir: string): Promise<void> => {
  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  await runCommand(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, env: outsideEnv() });
  await runCommand(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], {
    cwd: dir,
    env: outsideEnv(),
  });
};

/** Runs the compiled consumer against `apiUrl` and returns what it printed. */
export const runConsumer = (dir: string, apiUrl: string): Promise<string> =>
  runCommand(process.execPath, [join('out', 'smoke.js')], {
    cwd: dir,
    env: outsideEnv({ SHELF_API_URL: apiUrl }),
    timeoutMs: 30_000,
  });
