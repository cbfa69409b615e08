import { describe, expectTypeOf, it } from 'vitest';
import type { paths } from '../generated/shelf-api.js';

/** True when the operation's body must be sent: `requestBody` is not optional in the generated types. */
type IsBodyRequired<Operation extends { requestBody?: unknown }> =
  undefined extends Operation['requestBody'] ? false : true;

// Checked by `tsc` (pnpm typecheck): a document without `requestBody.required` fails here.
describe('the generated types', () => {
  it('require the body of every operation that needs one', () => {
    expectTypeOf<IsBodyRequired<paths['/auth/register']['post']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/auth/login']['post']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/auth/token']['post']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/api/me/password']['post']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/api/me']['delete']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/api/books']['post']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/api/books/{id}']['put']>>().toEqualTypeOf<true>();
    expectTypeOf<IsBodyRequired<paths['/api/books/{id}']['patch']>>().toEqualTypeOf<true>();
  });

  it('leave the body optional where the refresh cookie may stand in for it', () => {
    expectTypeOf<IsBodyRequired<paths['/auth/refresh']['post']>>().toEqualTypeOf<false>();
    expectTypeOf<IsBodyRequired<paths['/auth/logout']['post']>>().toEqualTypeOf<false>();
  });
});
