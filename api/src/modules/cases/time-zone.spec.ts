import { DomainError } from '@attune/domain';
import { parseTimeZone } from './time-zone.js';

describe('parseTimeZone', () => {
  it('defaults to UTC and accepts IANA region/city names', () => {
    expect(parseTimeZone(undefined)).toBe('UTC');
    expect(parseTimeZone('')).toBe('UTC');
    expect(parseTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    // accepted, and named as the runtime (and a browser) names it
    expect(parseTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Buenos_Aires');
  });

  it('refuses numeric offsets (PostgreSQL reads "+08:00" with the opposite sign), unknown zones and non-text, naming timeZone', () => {
    for (const bad of ['+08:00', 'UTC+8', 'Mars/Olympus', 'Asia/Shanghai; DROP TABLE cases', ['UTC'], 42]) {
      let error: unknown;
      try {
        parseTimeZone(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fields).toHaveProperty('timeZone');
    }
  });
});
