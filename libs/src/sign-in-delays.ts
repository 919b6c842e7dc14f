/**
 * Progressive delays between failed sign-ins to one account (OWASP ASVS 5.0, 6.3.1): no hard lock
 * that the right password cannot pass, but a wait that grows with the failures. The same rule
 * applies to an address that has no account, so the answers do not tell the two apart.
 */

/** Failed attempts answered without any wait (typing mistakes happen). */
export const SIGN_IN_FREE_FAILURES = 5;
/** The longest wait between two attempts, in seconds. */
export const SIGN_IN_MAX_DELAY_SECONDS = 60;
/** After this long without a failed attempt, the count starts again. */
export const SIGN_IN_FAILURES_FORGOTTEN_AFTER_MINUTES = 60;
/** ASVS's ceiling: at most this many failed attempts an hour on one account, whatever the concurrency. */
export const SIGN_IN_MAX_FAILURES_PER_HOUR = 100;

/** Seconds to wait, after `failures` failed attempts, before the next one is checked: none, then 1, 2, 4 … up to the cap. */
export function signInDelaySeconds(failures: number): number {
  if (failures < SIGN_IN_FREE_FAILURES) return 0;
  return Math.min(SIGN_IN_MAX_DELAY_SECONDS, 2 ** (failures - SIGN_IN_FREE_FAILURES));
}

/**
 * The delays as a list, entry i (from 0) the wait after i + 1 failures, up to the first capped one;
 * every later failure waits as long as the last entry. This is what the API hands to PostgreSQL.
 */
export const SIGN_IN_DELAYS_SECONDS: readonly number[] = Object.freeze(
  Array.from({ length: SIGN_IN_FREE_FAILURES + Math.ceil(Math.log2(SIGN_IN_MAX_DELAY_SECONDS)) }, (_, i) => signInDelaySeconds(i + 1)),
);
