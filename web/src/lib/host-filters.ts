import { HOST_STATUSES, type HostStatus } from "../api/types.js";

/** The host list's filters as the dashboard keeps them in its address bar (never the token). */
export interface HostFilters {
  status?: HostStatus;
  product?: string;
  site?: string;
  owner?: string;
  /** YYYY-MM-DD: last seen on or after this day (UTC). */
  seenFrom?: string;
  /** YYYY-MM-DD: last seen on or before this day (UTC). */
  seenTo?: string;
  /** Host name prefix. */
  q?: string;
}

const TEXT_KEYS = ["product", "site", "owner", "q"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: string): HostFilters {
  const p = new URLSearchParams(search);
  const out: HostFilters = {};
  const status = p.get("status");
  if (status && (HOST_STATUSES as readonly string[]).includes(status)) out.status = status as HostStatus;
  for (const k of TEXT_KEYS) {
    const v = p.get(k)?.trim();
    if (v) out[k] = v;
  }
  const from = p.get("seenFrom");
  if (from && DAY.test(from)) out.seenFrom = from;
  const to = p.get("seenTo");
  if (to && DAY.test(to)) out.seenTo = to;
  return out;
}

export function searchFromFilters(f: HostFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === "string" && v.trim()) p.set(k, v.trim());
  const s = p.toString();
  return s ? `?${s}` : "";
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The API's query for these filters: "seen from" is `seenSince` at the start of the day and
 * "seen to" includes the whole day, so it is `seenBefore` the start of the next one.
 */
export function hostQuery(f: HostFilters): Record<string, string | undefined> {
  return {
    status: f.status,
    product: f.product,
    site: f.site,
    owner: f.owner,
    q: f.q,
    seenSince: f.seenFrom ? `${f.seenFrom}T00:00:00Z` : undefined,
    seenBefore: f.seenTo ? `${nextDay(f.seenTo)}T00:00:00Z` : undefined,
  };
}
