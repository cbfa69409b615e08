/**
 * The numbers of the credential limit, and the one rule deciding whether a password attempt may be
 * evaluated (credential-rate-limit.ts keeps the counts; this file only decides). Every count is per
 * minute, a fixed window starting at a key's first attempt.
 */

/** How many times the (username, IP) limit one IP may fail across all usernames in a minute. */
const IP_LIMIT_FACTOR = 5;
/** How many times the (username, IP) limit one username may be tried from all IPs before the brake. */
const USERNAME_BRAKE_FACTOR = 10;

/** Attempts per minute; derived from LOGIN_RATE_LIMIT. */
export interface CredentialLimits {
  /** Failed password attempts on one username from one IP; a success resets the count. */
  perUsernameAndIp: number;
  /** Failed password attempts from one IP, all usernames together. */
  perIp: number;
  /**
   * Password attempts on one username from every IP together, beyond which the brake is on: an IP
   * that already failed on this username in the window may not try again until its window ends.
   */
  usernameBrake: number;
  /** Registrations from one IP; never refunded. */
  registrationsPerIp: number;
}

/**
 * The limits for LOGIN_RATE_LIMIT = `loginRateLimit`: with the default 10, an IP may fail 10 times
 * on one username and 50 times in all per minute, and the per-username brake engages past 100.
 */
export const credentialLimitsFor = (loginRateLimit: number): CredentialLimits => ({
  perUsernameAndIp: loginRateLimit,
  perIp: loginRateLimit * IP_LIMIT_FACTOR,
  usernameBrake: loginRateLimit * USERNAME_BRAKE_FACTOR,
  registrationsPerIp: loginRateLimit,
});

/** One counter as an attempt sees it: the points counting this attempt, and when its window ends. */
export interface WindowCount {
  points: number;
  msBeforeNext: number;
}

/** The counters an attempt on a username from an IP is judged by, each including this attempt. */
export interface AttemptCounts {
  ip: WindowCount;
  usernameAndIp: WindowCount;
  username: WindowCount;
}

/**
 * Undefined when the attempt may be evaluated; else how long (ms) until it could be. Refused when
 * the IP or the (username, IP) pair is over its limit, or when the username is over its brake and
 * this IP already tried it in the window. So failures from other IPs never refuse a client that has
 * not failed itself: they only add to the brake, which spares clients with a clean pair.
 */
export const retryAfterMs = (
  limits: CredentialLimits,
  counts: AttemptCounts,
): number | undefined => {
  const { ip, usernameAndIp, username } = counts;
  const waits: number[] = [];
  if (ip.points > limits.perIp) waits.push(ip.msBeforeNext);
  if (usernameAndIp.points > limits.perUsernameAndIp) waits.push(usernameAndIp.msBeforeNext);
  if (username.points > limits.usernameBrake && usernameAndIp.points > 1) {
    waits.push(usernameAndIp.msBeforeNext);
  }
  return waits.length === 0 ? undefined : Math.max(...waits);
};
