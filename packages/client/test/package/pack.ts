import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { runCommand } from './run-command.js';

/** The parts of a packed package.json this test reads. */
const PackedManifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  private: z.boolean().optional(),
  license: z.string().optional(),
  sideEffects: z.boolean().optional(),
  engines: z.record(z.string()).optional(),
  main: z.string().optional(),
  types: z.string().optional(),
  exports: z.record(z.union([z.string(), z.record(z.string())])),
  dependencies: z.record(z.string()).default({}),
  peerDependencies: z.record(z.string()).default({}),
});

/** A package.json as it will be published. */
export type PackedManifest = z.infer<typeof PackedManifestSchema>;

/** A tarball made by `pnpm pack`, with what it holds. */
export interface PackedPackage {
  tarball: string;
  manifest: PackedManifest;
  /** Paths inside the package, without the tarball's `package/` prefix. */
  files: string[];
}

/** Packs the workspace package in `packageDir` (its `prepack` builds it) into `destination`. */
export const packPackage = async (
  packageDir: string,
  destination: string,
): Promise<PackedPackage> => {
  mkdirSync(destination, { recursive: true });
  await runCommand('pnpm', ['pack', '--pack-destination', destination], { cwd: packageDir });
  const [tarballName, ...others] = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (tarballName === undefined || others.length > 0) {
    throw new Error(
      `expected one tarball in ${destination}, found ${readdirSync(destination).join(', ')}`,
    );
  }
  const tarball = join(destination, tarballName);
  const listing = await runCommand('tar', ['-tzf', tarball], { cwd: destination });
  const files = listing
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
  const manifestText = await runCommand('tar', ['-xzOf', tarball, 'package/package.json'], {
    cwd: destination,
  });
  const manifest = PackedManifestSchema.parse(JSON.parse(manifestText));
  return { tarball, manifest, files };
};

const exportTargets = (exports: PackedManifest['exports']): string[] =>
  Object.values(exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );

/** What is wrong with a packed package as a publishable ESM package with types; empty when nothing. */
export const publishProblems = ({ manifest, files }: PackedPackage): string[] => {
  const has = (path: string) => files.includes(path.replace(/^\.\//, ''));
  const problems: string[] = [];
  if (manifest.private === true) problems.push('is private');
  if (manifest.license === undefined) problems.push('has no license');
  if (manifest.sideEffects !== false) problems.push('does not declare sideEffects: false');
  if (manifest.engines?.node === undefined) problems.push('does not declare engines.node');
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries(ranges)) {
    if (range.startsWith('workspace:')) problems.push(`still depends on ${name}@${range}`);
  }
  const root = manifest.exports['.'];
  if (typeof root !== 'object' || Object.keys(root)[0] !== 'types') {
    problems.push('exports["."] does not list "types" first');
  }
  const targets = [...exportTargets(manifest.exports), manifest.main, manifest.types];
  for (const target of targets) {
    if (target === undefined || !has(target))
      problems.push(`points at ${String(target)}, not packed`);
  }
  for (const required of ['README.md', 'dist/index.js', 'dist/index.d.ts']) {
    if (!has(required)) problems.push(`does not contain ${required}`);
  }
  for (const file of files) {
    if (/(^|\/)(test|node_modules)\/|\.test\.|\.tsbuildinfo$/.test(file)) {
      problems.push(`contains ${file}`);
    }
    if (file.startsWith('dist/') && file.endsWith('.js') && !has(file.replace(/\.js$/, '.d.ts'))) {
      problems.push(`has ${file} without its declarations`);
    }
  }
  return problems;
};
