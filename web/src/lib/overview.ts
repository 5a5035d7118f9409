import {
  FINDING_CLASSES,
  type Finding,
  type FindingClass,
  type ItemRow,
  type ItemState,
} from "../api/types.js";

export interface ProductRow {
  product: string;
  productName: string;
  byClass: Record<FindingClass, number>;
  total: number;
}

/** Findings counted per product and class, most findings first (ties by name, so the order is stable). */
export function findingsByProduct(findings: readonly Pick<Finding, "product" | "productName" | "class">[]) {
  const rows = new Map<string, ProductRow>();
  for (const f of findings) {
    let row = rows.get(f.product);
    if (!row) {
      const byClass = Object.fromEntries(FINDING_CLASSES.map((c) => [c, 0])) as Record<FindingClass, number>;
      row = { product: f.product, productName: f.productName, byClass, total: 0 };
      rows.set(f.product, row);
    }
    row.byClass[f.class] = (row.byClass[f.class] ?? 0) + 1;
    row.total++;
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.total - a.total || a.productName.localeCompare(b.productName) || a.product.localeCompare(b.product),
  );
}

export interface DeadlineRow {
  /** As the regime states it (an instant with its zone, or a day). */
  deadline: string;
  regime: string;
  status: string;
  milestone: string | null;
  findings: number;
  hosts: number;
  passed: boolean;
}

/**
 * Regime deadlines that apply to the findings, one row per deadline × regime × status with how
 * many findings and hosts it binds. Deadlines still ahead come first, soonest first; passed ones
 * follow, most recent first. `now` is passed in so the split is testable.
 */
export function deadlines(
  findings: readonly Pick<Finding, "host" | "assessments">[],
  now: Date,
): DeadlineRow[] {
  const rows = new Map<string, DeadlineRow & { hostSet: Set<string> }>();
  for (const f of findings) {
    for (const a of f.assessments) {
      if (!a.deadline) continue;
      const key = JSON.stringify([a.deadline, a.regime, a.status, a.milestone ?? null]);
      let row = rows.get(key);
      if (!row) {
        const at = Date.parse(a.deadline);
        row = {
          deadline: a.deadline,
          regime: a.regime,
          status: a.status,
          milestone: a.milestone ?? null,
          findings: 0,
          hosts: 0,
          passed: !Number.isNaN(at) && at <= now.getTime(),
          hostSet: new Set(),
        };
        rows.set(key, row);
      }
      row.findings++;
      row.hostSet.add(f.host);
    }
  }
  const out = [...rows.values()].map(({ hostSet, ...r }) => ({ ...r, hosts: hostSet.size }));
  const t = (r: DeadlineRow) => Date.parse(r.deadline);
  return out.sort((a, b) => {
    if (a.passed !== b.passed) return a.passed ? 1 : -1;
    const d = a.passed ? t(b) - t(a) : t(a) - t(b);
    return d || a.regime.localeCompare(b.regime) || a.status.localeCompare(b.status);
  });
}

/** Work still to do: the states the burn-down counts (src/assess/campaign.ts ACTIVE_STATES). */
export const ACTIVE_STATES: readonly ItemState[] = ["open", "assigned", "removal-scheduled"];

export interface DueRow {
  due: string;
  items: number;
  owners: string[];
  unassigned: number;
}

/** Active work items due today or later, one row per due day, soonest first. `today` is YYYY-MM-DD. */
export function itemsDue(
  items: readonly Pick<ItemRow, "state" | "due" | "owner">[],
  today: string,
): DueRow[] {
  const rows = new Map<string, { items: number; owners: Set<string>; unassigned: number }>();
  for (const i of items) {
    if (!i.due || i.due < today || !ACTIVE_STATES.includes(i.state)) continue;
    let row = rows.get(i.due);
    if (!row) {
      row = { items: 0, owners: new Set(), unassigned: 0 };
      rows.set(i.due, row);
    }
    row.items++;
    if (i.owner) row.owners.add(i.owner);
    else row.unassigned++;
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([due, r]) => ({ due, items: r.items, owners: [...r.owners].sort(), unassigned: r.unassigned }));
}
