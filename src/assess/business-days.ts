/**
 * U.S. federal holidays (5 U.S.C. 6103) and business-day arithmetic for deadlines such as FAR
 * 52.204-23's "within 3 business days". A holiday on a Saturday is observed on the Friday before,
 * on a Sunday on the Monday after. Inauguration Day (D.C. area only) is not counted.
 */

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The n-th given weekday of a month (n = -1: the last). */
function nthWeekday(y: number, m: number, dow: number, n: number): number {
  if (n > 0) {
    const first = weekday(y, m, 1);
    return 1 + ((dow - first + 7) % 7) + (n - 1) * 7;
  }
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday(y, m, days);
  return days - ((last - dow + 7) % 7);
}

function observed(y: number, m: number, d: number): string {
  const dow = weekday(y, m, d);
  const date = new Date(Date.UTC(y, m - 1, d + (dow === 6 ? -1 : dow === 0 ? 1 : 0)));
  return date.toISOString().slice(0, 10);
}

export function usFederalHolidays(year: number): Set<string> {
  const days = [
    observed(year, 1, 1),
    ymd(year, 1, nthWeekday(year, 1, 1, 3)), // Birthday of Martin Luther King, Jr.
    ymd(year, 2, nthWeekday(year, 2, 1, 3)), // Washington's Birthday
    ymd(year, 5, nthWeekday(year, 5, 1, -1)), // Memorial Day
    ...(year >= 2021 ? [observed(year, 6, 19)] : []), // Juneteenth
    observed(year, 7, 4),
    ymd(year, 9, nthWeekday(year, 9, 1, 1)), // Labor Day
    ymd(year, 10, nthWeekday(year, 10, 1, 2)), // Columbus Day
    observed(year, 11, 11),
    ymd(year, 11, nthWeekday(year, 11, 4, 4)), // Thanksgiving Day
    observed(year, 12, 25),
  ];
  // New Year's Day of the next year can be observed on Dec 31 of this one.
  const nextNewYear = observed(year + 1, 1, 1);
  if (nextNewYear.startsWith(String(year))) days.push(nextNewYear);
  return new Set(days);
}

export function isBusinessDay(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const dow = weekday(y, m, d);
  return dow !== 0 && dow !== 6 && !usFederalHolidays(y).has(date);
}

/** The date `n` business days after `date` (YYYY-MM-DD); the start day itself does not count. */
export function addBusinessDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    t.setUTCDate(t.getUTCDate() + 1);
    if (isBusinessDay(t.toISOString().slice(0, 10))) left--;
  }
  return t.toISOString().slice(0, 10);
}
