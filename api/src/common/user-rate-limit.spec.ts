import { UserRateLimit } from './user-rate-limit.js';

describe('UserRateLimit', () => {
  it('lets a user send a minute\'s worth at once, then one more per 60/limit seconds, each user on their own', () => {
    let now = 1_000_000;
    const limit = new UserRateLimit(6, () => now);
    expect(Array.from({ length: 6 }, () => limit.take('ana'))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(limit.take('ana')).toBe(10);
    expect(limit.take('bo')).toBe(0);
    now += 4_000;
    expect(limit.take('ana')).toBe(6);
    now += 7_000;
    expect(limit.take('ana')).toBe(0);
    expect(limit.take('ana')).toBe(9);
  });

  it('never refuses when the limit is 0 (off)', () => {
    const limit = new UserRateLimit(0);
    expect(Array.from({ length: 1000 }, () => limit.take('ana')).every((wait) => wait === 0)).toBe(true);
  });
});
