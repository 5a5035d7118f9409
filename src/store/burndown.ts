import { ACTIVE_STATES } from "../assess/campaign.js";
import { byText } from "../match/order.js";
import type { Db } from "./db.js";

export const BURNDOWN_BY = ["status", "product", "site", "owner"] as const;
export type BurndownBy = (typeof BURNDOWN_BY)[number];

export interface Burndown {
  from: string;
  to: string;
  by: BurndownBy;
  days: string[];
  /** Items per day for each key: every state when `by` is status, else active items only. */
  series: { key: string; counts: number[] }[];
  /** Active items (open, assigned, removal-scheduled) per day. */
  open: number[];
}

const KEY: Record<BurndownBy, string> = {
  status: "s.to_state",
  product: "s.product",
  site: "coalesce(h.site, '(no site)')",
  owner: "coalesce(s.owner, '(unassigned)')",
};

const DAY_MS = 86_400_000;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * Items per day from the state history: each item's last state on a day holds until its next
 * change. Computed as spans (from, until) grouped in SQL, then laid over the days in code, so the
 * cost follows the number of changes, not items × days.
 */
export async function burndown(
  db: Db,
  by: BurndownBy,
  from: string | undefined,
  to: string,
): Promise<Burndown> {
  const start =
    from ??
    (
      await db.query<{ d: string | null }>(
        "SELECT min((at AT TIME ZONE 'UTC')::date)::text AS d FROM item_events",
      )
    )[0]?.d ??
    to;
  const first = start < to ? start : to;
  const n = daysBetween(first, to) + 1;
  if (n > 3660) throw new RangeError("a burn-down covers at most ten years");
  const days = Array.from({ length: n }, (_, i) => addDays(first, i));
  const rows = await db.query<{ day: string; until: string | null; key: string; state: string; n: number }>(
    `WITH last_per_day AS (
       SELECT DISTINCT ON (e.item_id, (e.at AT TIME ZONE 'UTC')::date)
         e.item_id, (e.at AT TIME ZONE 'UTC')::date AS day, e.to_state, e.owner, e.product
       FROM item_events e
       WHERE (e.at AT TIME ZONE 'UTC')::date <= $1::date
       ORDER BY e.item_id, (e.at AT TIME ZONE 'UTC')::date, e.at DESC, e.seq DESC
     ), s AS (
       SELECT l.*, lead(l.day) OVER (PARTITION BY l.item_id ORDER BY l.day) AS until FROM last_per_day l
     )
     SELECT s.day::text AS day, s.until::text AS until, ${KEY[by]} AS key, s.to_state AS state, count(*)::int AS n
     FROM s JOIN items i ON i.id = s.item_id JOIN hosts h ON h.id = i.host_id
     WHERE s.until IS NULL OR s.until > $2::date
     GROUP BY 1, 2, 3, 4`,
    [to, first],
  );
  const series = new Map<string, number[]>();
  const delta = (key: string) => {
    let d = series.get(key);
    if (!d) {
      d = new Array<number>(n + 1).fill(0);
      series.set(key, d);
    }
    return d;
  };
  const openDelta = new Array<number>(n + 1).fill(0);
  for (const r of rows) {
    const a = Math.max(0, daysBetween(first, r.day));
    const b = r.until === null ? n : Math.min(n, daysBetween(first, r.until));
    if (b <= a) continue;
    const active = ACTIVE_STATES.includes(r.state as never);
    if (active) {
      openDelta[a]! += r.n;
      openDelta[b]! -= r.n;
    }
    if (by !== "status" && !active) continue;
    const d = delta(r.key);
    d[a]! += r.n;
    d[b]! -= r.n;
  }
  const running = (d: number[]) => {
    let sum = 0;
    return d.slice(0, n).map((v) => (sum += v));
  };
  return {
    from: first,
    to,
    by,
    days,
    series: [...series.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([key, d]) => ({ key, counts: running(d) })),
    open: running(openDelta),
  };
}
