import { type ItemAction, type ItemState, reopened, transition, waiverExpired } from "../assess/campaign.js";
import { judgeAbsence } from "../assess/campaign-evidence.js";
import {
  type Change,
  judgeCandidates,
  type SnapshotRow,
  snapshotColumns,
  snapshotOf,
  writeChanges,
} from "./campaign-sync.js";
import type { ChangeCounter } from "./count-cache.js";
import type { Db } from "./db.js";
import { refreshHostStatus } from "./host-status.js";
import type { ItemEvent, ItemRow, Page } from "./types.js";
import { Where } from "./where.js";

export interface ItemFilter {
  state?: ItemState;
  owner?: string;
  product?: string;
  site?: string;
  host?: string;
  /** Only items past their due date that are still active (as of `now`). */
  overdue?: boolean;
  cursor?: string;
  limit: number;
}

interface Raw extends SnapshotRow {
  id: string;
  host: string;
  site: string | null;
  product: string;
  product_name: string;
  class: string;
  confidence: string;
  last_seen: string;
  created_at: string;
  updated_at: string;
  version: number;
}

const SELECT = `SELECT i.id, h.key AS host, h.site, i.product, f.product_name, i.class, f.confidence, i.last_seen,
  i.created_at, i.updated_at, i.version, ${snapshotColumns("i")}
  FROM items i JOIN hosts h ON h.id = i.host_id JOIN findings f ON f.id = i.id`;

const ACTIVE = "('open', 'assigned', 'removal-scheduled')";

function toItem(r: Raw, today: string): ItemRow {
  const active = ["open", "assigned", "removal-scheduled"].includes(r.state);
  return {
    id: r.id,
    host: r.host,
    site: r.site,
    product: r.product,
    productName: r.product_name,
    class: r.class,
    confidence: r.confidence,
    state: r.state,
    owner: r.owner,
    due: r.due,
    defaultDue: r.default_due,
    overdue: active && r.due !== null && r.due < today,
    scheduledFor: r.scheduled_for,
    waiver:
      r.state === "waived" && r.waiver_reason
        ? { reason: r.waiver_reason, by: r.waived_by ?? "", until: r.waiver_until ?? "" }
        : null,
    note: r.note,
    lastSeen: r.last_seen,
    verifiedAt: r.verified_at,
    verifiedBy: r.verified_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export class TransitionError extends Error {
  constructor(
    readonly code: "not-found" | "invalid-transition" | "needs-evidence" | "bad-request" | "conflict",
    message: string,
  ) {
    super(message);
  }
}

export class Campaign {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeCounter,
  ) {}

  async list(filter: ItemFilter, now: Date): Promise<Page<ItemRow>> {
    const today = now.toISOString().slice(0, 10);
    const w = new Where();
    if (filter.state) w.add("i.state = ?", filter.state);
    if (filter.owner) w.add("i.owner = ?", filter.owner);
    if (filter.product) w.add("i.product = ?", filter.product);
    if (filter.site) w.add("h.site = ?", filter.site);
    if (filter.host) w.add("h.key = ?", filter.host);
    if (filter.overdue) w.add(`i.state IN ${ACTIVE} AND i.due < ?::date`, today);
    const total = (
      await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM items i JOIN hosts h ON h.id = i.host_id ${w.sql}`,
        w.params,
      )
    )[0]!.n;
    const cond = filter.cursor ? w.and(`i.id > ${w.bind(filter.cursor)}`) : w.sql;
    const rows = await this.db.query<Raw>(
      `${SELECT} ${cond} ORDER BY i.id LIMIT ${w.bind(filter.limit + 1)}`,
      w.params,
    );
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit).map((r) => toItem(r, today));
    return { items, next: more ? items[items.length - 1]!.id : null, total };
  }

  async get(id: string, now: Date): Promise<ItemRow | undefined> {
    const rows = await this.db.query<Raw>(`${SELECT} WHERE i.id = $1`, [id]);
    return rows[0] && toItem(rows[0], now.toISOString().slice(0, 10));
  }

  async events(id: string): Promise<ItemEvent[]> {
    return this.db.query<ItemEvent>(
      `SELECT seq, at, actor, action, from_state AS "from", to_state AS "to", owner, reason
       FROM item_events WHERE item_id = $1 ORDER BY at, seq`,
      [id],
    );
  }

  /**
   * A person's transition. `verify` looks up the evidence of absence itself: nobody can declare a
   * product gone without an inventory that shows it.
   */
  async transition(
    id: string,
    action: ItemAction,
    actor: string,
    now: Date,
    expectedVersion?: number,
  ): Promise<ItemRow> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<SnapshotRow & { host_id: number; product: string; version: number }>(
        `SELECT host_id, product, version, ${snapshotColumns()} FROM items WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const row = rows[0];
      if (!row) throw new TransitionError("not-found", `no item ${id}`);
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new TransitionError(
          "conflict",
          `item ${id} changed (version ${row.version}, expected ${expectedVersion})`,
        );
      }
      const before = snapshotOf(row);
      let absence: ReturnType<typeof judgeAbsence> | undefined;
      if (action.action === "verify") {
        const c = (await judgeCandidates(tx, [], id))[0];
        absence = c ? judgeAbsence(c.facts) : undefined;
      }
      const result = transition(before, action, { actor, now, ...(absence && { absence }) });
      if (!result.ok) throw new TransitionError(result.code, result.message);
      const change: Change = {
        id,
        product: row.product,
        action: action.action,
        before,
        after: result.next,
        reason: result.reason,
        at: now.toISOString(),
      };
      await writeChanges(tx, [change], actor, now);
      await refreshHostStatus(tx, [row.host_id]);
    });
    this.changes.bump();
    return (await this.get(id, now))!;
  }

  /**
   * Waivers run out by themselves: every waiver whose expiry has passed reopens, dated at the
   * expiry (so the burn-down shows it from that day), recorded as done by `system`.
   */
  async expireWaivers(now: Date): Promise<number> {
    return this.db
      .transaction(async (tx) => {
        const rows = await tx.query<SnapshotRow & { id: string; host_id: number; product: string }>(
          `SELECT id, host_id, product, ${snapshotColumns()} FROM items
         WHERE state = 'waived' AND waiver_until <= $1 ORDER BY id FOR UPDATE`,
          [now.toISOString()],
        );
        const changes: Change[] = [];
        for (const r of rows) {
          const before = snapshotOf(r);
          if (!waiverExpired(before, now)) continue;
          const reason = `waiver expired ${before.waiverUntil} (waived by ${before.waivedBy}: ${before.waiverReason})`;
          changes.push({
            id: r.id,
            product: r.product,
            action: "waiver-expired",
            before,
            after: reopened(before, reason),
            reason,
            at: before.waiverUntil!,
          });
        }
        await writeChanges(tx, changes, "system", now);
        await refreshHostStatus(tx, [...new Set(rows.map((r) => r.host_id))]);
        return changes.length;
      })
      .then((n) => {
        if (n > 0) this.changes.bump();
        return n;
      });
  }

  /** Counts per state, for the dashboard's summary line. */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ state: string; n: number }>(
      "SELECT state, count(*)::int AS n FROM items GROUP BY state ORDER BY state",
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }
}
