import { randomBytes } from 'node:crypto';
import { logIn, registerThrowaway, type Account } from './accounts.js';
import {
  tourAccountDeletion,
  tourEmailLinks,
  tourPasswordChange,
  tourPasswordConfirmations,
  tourRegistrationErrors,
  tourSessions,
} from './auth.tour.js';
import { cleanUpBooks, tourBooks, type CreatedBooks } from './books.tour.js';
import { tourHealth } from './health.tour.js';
import { createHttp } from './http.js';
import { createReport, type Print, type Report, type TourReport } from './report.js';
import { createStep, type Step } from './step.js';
import { tourUsers } from './users.tour.js';

/** Where the tour goes and as whom. */
export interface TourOptions {
  /** The Shelf to tour, such as `https://shelf.example.com` or `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** An existing account to tour as; without it the tour registers throwaway accounts. */
  credentials?: { username: string; password: string } | undefined;
  /** Where lines go; the closing `N passed, M failed` line is the last. */
  print: Print;
}

/** The tour's accounts: the one it acts as, a second one for 403s, and whom it must delete. */
interface Cast {
  owner: Account;
  other: Account | undefined;
}

const throwawayName = (role: string) => `tour_${role}_${randomBytes(5).toString('hex')}`;

/** Logs in the given account, or registers one; a second throwaway account when registration allows. */
const assembleCast = async (
  step: Step,
  report: Report,
  credentials: TourOptions['credentials'],
): Promise<Cast | undefined> => {
  const other = await registerThrowaway(step, throwawayName('other'));
  if (credentials !== undefined) {
    const owner = await logIn(step, credentials.username, credentials.password, false);
    return owner === undefined
      ? undefined
      : { owner, other: other.kind === 'registered' ? other.account : undefined };
  }
  if (other.kind === 'disabled') {
    report.fail('an account to tour as', [
      'registration is disabled on this server: pass --username and --password of an existing account',
    ]);
    return undefined;
  }
  const owner = await registerThrowaway(step, throwawayName('owner'));
  if (owner.kind !== 'registered') return undefined;
  return { owner: owner.account, other: other.kind === 'registered' ? other.account : undefined };
};

/** Every operation, as the cast; books and throwaway accounts are cleaned up whatever happens. */
const tourAll = async (step: Step, report: Report, cast: Cast): Promise<void> => {
  const created: CreatedBooks = new Set();
  try {
    report.section('auth');
    if (cast.other === undefined) {
      report.skip('register 400, 409 and 415', 'registration is disabled on this server');
    } else {
      await tourRegistrationErrors(step, cast.other.username);
    }
    await tourSessions(step, cast.owner);
    await tourPasswordConfirmations(step, cast.owner);
    await tourEmailLinks(step, cast.owner);
    report.section('books');
    await tourBooks(step, report, cast, created);
    report.section('users');
    await tourUsers(step, report, cast.owner);
  } finally {
    report.section('clean-up');
    await cleanUpBooks(step, cast.owner, created);
    for (const account of [cast.owner, cast.other]) {
      if (account?.isThrowaway !== true) continue;
      await tourPasswordChange(step, account);
      await tourAccountDeletion(step, account);
    }
  }
  if (!cast.owner.isThrowaway && cast.other === undefined)
    report.skip(
      'change password 200 and delete account 204',
      'only done to throwaway accounts, and none could be registered',
    );
};

/**
 * Tours every operation of the contract against a running Shelf, checking each status, the headers
 * the contract promises and each body against the contract's schemas. Prints one line per check and,
 * last, `N passed, M failed`.
 *
 * @example
 * const report = await runContractTour({ baseUrl: 'http://127.0.0.1:3000', print: console.log });
 * process.exitCode = report.failed === 0 ? 0 : 1;
 */
export const runContractTour = async (options: TourOptions): Promise<TourReport> => {
  const report = createReport(options.print);
  const step = createStep(createHttp(options.baseUrl, options.print), report);
  options.print(`Contract tour of ${options.baseUrl}`);
  report.section('health');
  await tourHealth(step);
  report.section('accounts');
  const cast = await assembleCast(step, report, options.credentials);
  if (cast !== undefined) await tourAll(step, report, cast);
  const result = report.result();
  options.print(result.closingLine);
  return result;
};
