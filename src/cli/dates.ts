/** Today's date in UTC as YYYY-MM-DD; the only place the CLI asks the clock for the as-of date. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function parseAsOf(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`--as-of must be a date like 2024-09-29, not "${value}"`);
  }
  return value;
}
