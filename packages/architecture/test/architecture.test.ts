import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import architecture from '../architecture.config.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The architecture rules alone, on the TypeScript parser, judged from the repository root. */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ languageOptions: { parser: tseslint.parser } }, ...architecture],
});

/** The rules a snippet breaks when it sits at `file` (relative to the repository root). */
const violations = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
};

/** Matches a list of violations that holds one of `ruleId` whose message matches `message`. */
const rule = (ruleId: string, message: RegExp): unknown =>
  expect.arrayContaining([
    expect.objectContaining({ ruleId, message: expect.stringMatching(message) as unknown }),
  ]);

describe('architecture rules', () => {
  it('refuse a contract importing another package of ours', async () => {
    expect(
      await violations(
        'packages/contracts/src/leak.ts',
        "import { createShelfClient } from '@shelf/client';\nexport const x = createShelfClient;\n",
      ),
    ).toEqual(rule('no-restricted-imports', /Contracts import nothing of ours/));
  });

  it('refuse a contract reaching into the API by path', async () => {
    expect(
      await violations(
        'packages/contracts/src/leak.ts',
        "import { AppError } from '../../../apps/api/src/errors/app-error.js';\nexport const x = AppError;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /Contracts import nothing of ours/));
  });

  it('refuse a client importing anything of ours but the contracts', async () => {
    expect(
      await violations(
        'packages/client/src/leak.ts',
        "import { createApp } from '@shelf/api';\nexport const x = createApp;\n",
      ),
    ).toEqual(rule('no-restricted-imports', /The client imports only the contracts/));
  });

  it('refuse a web module calling the API other than through the client', async () => {
    expect(
      await violations(
        'apps/web/src/lib/leak.ts',
        "import { contract } from '@shelf/contracts';\nexport const x = contract;\n",
      ),
    ).toEqual(rule('no-restricted-imports', /only through @shelf\/client/));
  });

  it('refuse a web feature importing another feature', async () => {
    expect(
      await violations(
        'apps/web/src/features/books/leak.ts',
        "import { SignInPage } from '../auth/sign-in-page.js';\nexport const x = SignInPage;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /Features do not import each other/));
  });

  it('refuse a shared web component importing a feature', async () => {
    expect(
      await violations(
        'apps/web/src/components/leak.tsx',
        "import { SignInPage } from '../features/auth/sign-in-page.js';\nexport const x = SignInPage;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /import no feature/));
  });

  it('refuse an API route running SQL', async () => {
    expect(
      await violations(
        'apps/api/src/features/books/leak.routes.ts',
        "import { sql } from 'kysely';\nexport const x = sql;\n",
      ),
    ).toEqual(rule('no-restricted-imports', /Routes run no SQL/));
  });

  it('refuse a service importing Express', async () => {
    expect(
      await violations(
        'apps/api/src/features/books/leak.service.ts',
        "import type { Request } from 'express';\nexport type X = Request;\n",
      ),
    ).toEqual(rule('no-restricted-imports', /Only the HTTP layer/));
  });

  it('refuse a service importing a route', async () => {
    expect(
      await violations(
        'apps/api/src/features/books/leak.service.ts',
        "import { createBooksRouter } from './books.routes.js';\nexport const x = createBooksRouter;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /Services never import routes/));
  });

  it('refuse a repository importing a service', async () => {
    expect(
      await violations(
        'apps/api/src/features/books/leak.repository.ts',
        "import { listBooks } from './books.service.js';\nexport const x = listBooks;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /Repositories import no routes or services/));
  });

  it('refuse a repository importing AppError', async () => {
    expect(
      await violations(
        'apps/api/src/features/books/leak.repository.ts',
        "import { AppError } from '../../errors/app-error.js';\nexport const x = AppError;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /no HTTP and no AppError/));
  });

  it('refuse a repository importing Express', async () => {
    expect(
      await violations(
        'apps/api/src/features/books/leak.repository.ts',
        "import type { Response } from 'express';\nexport type X = Response;\n",
      ),
    ).toEqual(rule('no-restricted-imports', /Only the HTTP layer/));
  });

  it('refuse a migration importing application code', async () => {
    expect(
      await violations(
        'apps/api/src/db/migrations/2099_01_01_000000_leak.ts',
        "import { searchKey } from '../../features/books/search-key.js';\nexport const x = searchKey;\n",
      ),
    ).toEqual(rule('import-x/no-restricted-paths', /Migrations are frozen in time/));
  });

  describe('an import cycle', () => {
    // Inside the repository, so ESLint lints it; both files are real, so the rule can follow them.
    let dir = '';
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused', async () => {
      dir = mkdtempSync(path.join(ROOT, 'packages/architecture/.cycle-'));
      writeFileSync(
        path.join(dir, 'a.ts'),
        "import { b } from './b.js';\nexport const a = () => b;\n",
      );
      writeFileSync(
        path.join(dir, 'b.ts'),
        "import { a } from './a.js';\nexport const b = () => a;\n",
      );
      const [result] = await eslint.lintFiles([path.join(dir, 'a.ts')]);
      expect(result?.messages.map(({ ruleId }) => ruleId)).toContain('import-x/no-cycle');
    });
  });

  it('pass the imports the architecture allows', async () => {
    const allowed: [string, string][] = [
      ['packages/contracts/src/fine.ts', "import { z } from 'zod';\nexport const x = z;\n"],
      [
        'packages/client/src/fine.ts',
        "import { contract } from '@shelf/contracts';\nexport const x = contract;\n",
      ],
      [
        'apps/web/src/features/books/fine.ts',
        "import { createShelfClient } from '@shelf/client';\nimport { Alert } from '../../components/alert.js';\nexport const x = [createShelfClient, Alert];\n",
      ],
      [
        'apps/api/src/features/books/fine.routes.ts',
        "import type { Response } from 'express';\nimport * as books from './books.service.js';\nexport type X = Response;\nexport const x = books;\n",
      ],
      [
        'apps/api/src/features/books/fine.service.ts',
        "import * as books from './books.repository.js';\nimport { AppError } from '../../errors/app-error.js';\nexport const x = [books, AppError];\n",
      ],
      [
        'apps/api/src/features/books/fine.repository.ts',
        "import { sql } from 'kysely';\nimport { toBook } from './book-rows.js';\nexport const x = [sql, toBook];\n",
      ],
      [
        'apps/api/src/db/migrations/2099_01_01_000000_fine.ts',
        "import { sql } from 'kysely';\nexport const x = sql;\n",
      ],
    ];
    for (const [file, code] of allowed) {
      expect({ file, messages: await violations(file, code) }).toEqual({ file, messages: [] });
    }
  });
});
