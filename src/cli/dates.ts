/** Today's date in UTC as YYYY-MM-DD; the only place the CLI asks the clock for the as-of date. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A date (read as noon UTC by the assessment) or an exact instant with its zone. */
export function parseAsOf(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  const instant =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value));
  if (!date && !instant) {
    throw new Error(
      `--as-of must be a date like 2024-09-29 or an instant like 2024-09-29T00:00:00-04:00, not "${value}"`,
    );
  }
  return value;
}
