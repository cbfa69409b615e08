import type { Problem, ShelfClient } from '@shelf/client';

/** How an account-email call ended: done, or refused with the API's problem. */
export type AccountEmailResult = { ok: true } | { ok: false; status: number; problem: Problem };

/** A typed SDK result: a 2xx, or a problem+json body. */
type Done = { status: 202 | 204; body: unknown };
type SdkResult = Done | { status: number; body: Problem };

const isDone = (result: SdkResult): result is Done =>
  result.status === 202 || result.status === 204;

const settle = async (call: Promise<SdkResult>): Promise<AccountEmailResult> => {
  const result = await call;
  return isDone(result) ? { ok: true } : { ok: false, status: result.status, problem: result.body };
};

/**
 * The password reset and email change calls, each resolving to done or the API's problem; they
 * reject only when the API cannot be reached.
 */
export const accountEmail = (client: ShelfClient) => ({
  requestPasswordReset: (email: string) => settle(client.auth.requestPasswordReset(email)),
  confirmPasswordReset: (token: string, newPassword: string) =>
    settle(client.auth.confirmPasswordReset(token, newPassword)),
  changeEmail: (email: string, password: string) =>
    settle(client.auth.changeEmail(email, password)),
  confirmEmail: (token: string) => settle(client.auth.confirmEmail(token)),
});
