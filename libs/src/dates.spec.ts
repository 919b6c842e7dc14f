import { displayDate } from './dates.js';

describe('displayDate', () => {
  const at = '2026-12-03T06:05:00Z';

  it('writes one format per language', () => {
    expect(displayDate(at, { language: 'en', timeZone: 'UTC' })).toBe('3 Dec 2026');
    expect(displayDate(at, { language: 'zh', timeZone: 'UTC' })).toBe('2026年12月3日');
    expect(displayDate(at, { language: 'zh-CN', timeZone: 'UTC' })).toBe('2026年12月3日');
    expect(displayDate(at, { language: 'en', style: 'dateTime', timeZone: 'UTC' })).toBe('3 Dec 2026, 06:05');
    expect(displayDate(at, { language: 'zh', style: 'dateTime', timeZone: 'UTC' })).toBe('2026年12月3日 06:05');
    expect(displayDate(at, { language: 'en', style: 'dayMonth', timeZone: 'UTC' })).toBe('3 Dec');
    expect(displayDate(at, { language: 'zh', style: 'dayMonth', timeZone: 'UTC' })).toBe('12月3日');
  });

  it('shows times in the viewer\'s zone', () => {
    expect(displayDate(at, { language: 'en', style: 'dateTime', timeZone: 'Asia/Shanghai' })).toBe('3 Dec 2026, 14:05');
    expect(displayDate('2026-12-03T20:00:00Z', { language: 'en', timeZone: 'Asia/Shanghai' })).toBe('4 Dec 2026');
  });

  it('keeps a calendar date on its day in every zone', () => {
    expect(displayDate('2026-12-03', { language: 'en', timeZone: 'America/Los_Angeles' })).toBe('3 Dec 2026');
    expect(displayDate('2026-12-03', { language: 'en', timeZone: 'Pacific/Kiritimati' })).toBe('3 Dec 2026');
  });

  it('leaves nothing for an empty or unreadable value', () => {
    expect(displayDate(null, { language: 'en' })).toBe('');
    expect(displayDate('', { language: 'en' })).toBe('');
    expect(displayDate('not a date', { language: 'zh' })).toBe('');
  });
});
