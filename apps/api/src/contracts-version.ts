import { createRequire } from 'node:module';

/** The version of @shelf/contracts in use, from its package.json (the OpenAPI document's version). */
export const readContractsVersion = (): string => {
  const manifest: unknown = createRequire(import.meta.url)('@shelf/contracts/package.json');
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest) {
    if (typeof manifest.version === 'string') return manifest.version;
  }
  throw new Error('@shelf/contracts/package.json has no version');
};
