/**
 * Writes openapi.json, the committed OpenAPI document (`pnpm openapi`). A test fails while the file
 * differs from what the contract generates, so every API change shows in review.
 */
import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, serializeOpenApiDocument } from './openapi-file.js';

writeFileSync(OPENAPI_FILE, serializeOpenApiDocument());
process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
