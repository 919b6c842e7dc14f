import {
  SIGN_IN_DELAYS_SECONDS,
  SIGN_IN_FREE_FAILURES,
  SIGN_IN_MAX_DELAY_SECONDS,
  SIGN_IN_MAX_FAILURES_PER_HOUR,
  signInDelaySeconds,
} from './sign-in-delays.js';

describe('sign-in delays', () => {
  it('lets the first few failures through at once, then waits 1, 2, 4 … seconds, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 50].map(signInDelaySeconds)).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(SIGN_IN_FREE_FAILURES).toBe(5);
  });

  it('lists every delay up to the cap, the last entry standing for every later failure', () => {
    expect(SIGN_IN_DELAYS_SECONDS).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60]);
    expect(SIGN_IN_DELAYS_SECONDS.at(-1)).toBe(SIGN_IN_MAX_DELAY_SECONDS);
  });

  it('allows at most 100 failed attempts in any hour to someone who tries as soon as each wait ends', () => {
    let at = 0;
    let failures = 0;
    while (at < 3600) {
      failures += 1;
      at += signInDelaySeconds(failures);
    }
    expect(failures).toBeLessThanOrEqual(SIGN_IN_MAX_FAILURES_PER_HOUR);
    expect(failures).toBe(69);
  });
});
