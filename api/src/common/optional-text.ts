/** An optional text as stored: trimmed by the schema already; empty or absent becomes null. */
export function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.length === 0 ? null : value;
}
