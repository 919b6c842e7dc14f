/** The viewer's IANA time zone (the browser's), UTC when the browser does not say: weekdays and times of day are read in it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
