import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createOpenApiDocument } from '../src/openapi/index.js';

/** Where the committed document lives: packages/contracts/openapi.json. */
export const OPENAPI_FILE = fileURLToPath(new URL('../openapi.json', import.meta.url));

const packageVersion = (): string => {
  const packageJson: unknown = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  const version =
    typeof packageJson === 'object' && packageJson !== null && 'version' in packageJson
      ? packageJson.version
      : undefined;
  if (typeof version !== 'string')
    throw new Error('packages/contracts/package.json has no version');
  return version;
};

/** The committed document's text: the contract's document at this package's version. */
export const serializeOpenApiDocument = (): string =>
  `${JSON.stringify(createOpenApiDocument(packageVersion()), null, 2)}\n`;
