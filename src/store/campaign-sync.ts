import {
  ACTIVE_STATES,
  defaultDue,
  GONE_STATES,
  type ItemSnapshot,
  type ItemState,
  isWorkItem,
  reopened,
} from "../assess/campaign.js";
import { type AbsenceFacts, judgeAbsence } from "../assess/campaign-evidence.js";
import { type AuditRecord, appendAudit } from "./audit.js";
import { unnest } from "./bulk.js";
import type { Queryable } from "./db.js";
import type { MergedFinding } from "./ingest-write.js";
import type { InputRole } from "./types.js";

export interface SyncInput {
  inputId: number;
  file: string;
  role: InputRole;
  observedAt: string;
  now: Date;
  actor: string;
  hostIds: number[];
  findings: MergedFinding[];
}

/** Columns of `items` as the rules see them. */
export function snapshotColumns(t = "items"): string {
  return `${t}.state, ${t}.owner, ${t}.due::text AS due, ${t}.default_due::text AS default_due,
    ${t}.scheduled_for::text AS scheduled_for, ${t}.waiver_reason, ${t}.waived_by, ${t}.waiver_until, ${t}.note,
    ${t}.verified_at, ${t}.verified_by`;
}

export interface SnapshotRow {
  state: ItemState;
  owner: string | null;
  due: string | null;
  default_due: string | null;
  scheduled_for: string | null;
  waiver_reason: string | null;
  waived_by: string | null;
  waiver_until: string | null;
  note: string | null;
  verified_at: string | null;
  verified_by: number | null;
}

export function snapshotOf(r: SnapshotRow): ItemSnapshot {
  return {
    state: r.state,
    owner: r.owner,
    due: r.due,
    defaultDue: r.default_due,
    scheduledFor: r.scheduled_for,
    waiverReason: r.waiver_reason,
    waivedBy: r.waived_by,
    waiverUntil: r.waiver_until,
    note: r.note,
    verifiedAt: r.verified_at,
    verifiedBy: r.verified_by,
  };
}

/** One state change to write: the item row, its history event and its audit entry. */
export interface Change {
  id: string;
  product: string;
  action: string;
  before: ItemSnapshot;
  after: ItemSnapshot;
  reason: string | null;
  /** When it happened in the estate (the event date the burn-down uses). */
  at: string;
}

export async function writeChanges(
  tx: Queryable,
  changes: Change[],
  actor: string,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `UPDATE items i SET state = r.state, owner = r.owner, due = r.due, scheduled_for = r.scheduled_for,
       waiver_reason = r.waiver_reason, waived_by = r.waived_by, waiver_until = r.waiver_until, note = r.note,
       verified_at = r.verified_at, verified_by = r.verified_by, updated_at = $2, version = i.version + 1
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, state text, owner text, due date, scheduled_for date,
       waiver_reason text, waived_by text, waiver_until timestamptz, note text, verified_at timestamptz,
       verified_by bigint)
     WHERE i.id = r.id`,
    [
      JSON.stringify(
        changes.map((c) => ({
          id: c.id,
          state: c.after.state,
          owner: c.after.owner,
          due: c.after.due,
          scheduled_for: c.after.scheduledFor,
          waiver_reason: c.after.waiverReason,
          waived_by: c.after.waivedBy,
          waiver_until: c.after.waiverUntil,
          note: c.after.note,
          verified_at: c.after.verifiedAt,
          verified_by: c.after.verifiedBy,
        })),
      ),
      now.toISOString(),
    ],
  );
  await writeEvents(
    tx,
    changes.map((c) => ({
      item_id: c.id,
      at: c.at,
      actor,
      action: c.action,
      from_state: c.before.state,
      to_state: c.after.state,
      owner: c.after.owner,
      product: c.product,
      reason: c.reason,
    })),
  );
  await appendAudit(
    tx,
    ...changes.map(
      (c): AuditRecord => ({
        at: now,
        actor,
        action: `item.${c.action}`,
        subject: `item:${c.id}`,
        before: c.before,
        after: { ...c.after, reason: c.reason },
      }),
    ),
  );
}

interface EventRow {
  item_id: string;
  at: string;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string;
  owner: string | null;
  product: string;
  reason: string | null;
}

async function writeEvents(tx: Queryable, rows: EventRow[]): Promise<void> {
  const u = unnest(
    [
      ["item_id", "text"],
      ["at", "timestamptz"],
      ["actor", "text"],
      ["action", "text"],
      ["from_state", "text"],
      ["to_state", "text"],
      ["owner", "text"],
      ["product", "text"],
      ["reason", "text"],
    ],
    rows as unknown as Record<string, unknown>[],
  );
  await tx.query(
    `INSERT INTO item_events (item_id, at, actor, action, from_state, to_state, owner, product, reason)
     SELECT ${u.select} FROM ${u.from}`,
    u.params,
  );
}

/**
 * What one input means for the campaign: new covered findings open items; items whose product
 * shows up again after verification reopen and say why; active items on hosts this input
 * inventoried are verified absent when the evidence rule holds.
 */
export async function syncCampaign(
  tx: Queryable,
  s: SyncInput,
): Promise<{ opened: number; reopened: number; verified: number; changedHosts: number[] }> {
  const openedOn = await openItems(tx, s);
  const sighted = [...new Map(s.findings.map((f) => [`${f.hostId}\0${f.product}`, f])).values()];
  if (sighted.length > 0) {
    await tx.query(
      `UPDATE items i SET last_seen = m.last
       FROM (
         SELECT fo.host_id, fo.product, max(fo.seen_at) AS last
         FROM finding_observations fo
         JOIN jsonb_to_recordset($1::jsonb) AS r(host_id bigint, product text)
           ON fo.host_id = r.host_id AND fo.product = r.product
         GROUP BY fo.host_id, fo.product
       ) m
       WHERE i.host_id = m.host_id AND i.product = m.product AND i.last_seen <> m.last`,
      [JSON.stringify(sighted.map((f) => ({ host_id: f.hostId, product: f.product })))],
    );
  }
  const seenHere = new Set(sighted.map((f) => `${f.hostId}\0${f.product}`));
  const candidates = await judgeCandidates(tx, s.hostIds);
  const changes: Change[] = [];
  let reopenedCount = 0;
  let verified = 0;
  for (const c of candidates) {
    const verdict = judgeAbsence(c.facts);
    const before = c.snapshot;
    if (ACTIVE_STATES.includes(before.state) && verdict.verified) {
      verified++;
      changes.push({
        id: c.id,
        product: c.product,
        action: "verify",
        before,
        after: {
          ...before,
          state: "verified-absent",
          verifiedAt: verdict.observedAt,
          verifiedBy: verdict.inputId,
        },
        reason: verdict.basis,
        at: s.observedAt,
      });
    } else if (GONE_STATES.includes(before.state) && !verdict.verified) {
      reopenedCount++;
      const reason = seenHere.has(`${c.hostId}\0${c.product}`)
        ? `reappeared: seen again in ${s.file} (observed ${s.observedAt}) after it was verified absent`
        : `reopened: ${verdict.reason}`;
      changes.push({
        id: c.id,
        product: c.product,
        action: "reappear",
        before,
        after: reopened(before, reason),
        reason,
        at: s.observedAt,
      });
    }
  }
  await writeChanges(tx, changes, s.actor, s.now);
  const hostOf = new Map(candidates.map((c) => [c.id, c.hostId]));
  const changedHosts = new Set([...openedOn, ...changes.map((c) => hostOf.get(c.id)!)]);
  return { opened: openedOn.length, reopened: reopenedCount, verified, changedHosts: [...changedHosts] };
}

/** Opens items for new covered findings; returns the host of each item opened. */
async function openItems(tx: Queryable, s: SyncInput): Promise<number[]> {
  const work = s.findings.filter((f) => isWorkItem(f) && f.created);
  const maybe = s.findings.filter((f) => isWorkItem(f) && !f.created);
  // a finding known before may still lack an item (its product became covered in a newer catalogue)
  const have = new Set(
    maybe.length === 0
      ? []
      : (
          await tx.query<{ id: string }>("SELECT id FROM items WHERE id = ANY($1::text[])", [
            maybe.map((f) => f.id),
          ])
        ).map((r) => r.id),
  );
  const fresh = [...work, ...maybe.filter((f) => !have.has(f.id))];
  if (fresh.length === 0) return [];
  const now = s.now.toISOString();
  const u = unnest(
    [
      ["id", "text"],
      ["host_id", "bigint"],
      ["product", "text"],
      ["class", "text"],
      ["due", "date"],
      ["last_seen", "timestamptz"],
    ],
    fresh.map((f) => ({
      id: f.id,
      host_id: f.hostId,
      product: f.product,
      class: f.class,
      due: defaultDue(f.assessments),
      last_seen: f.seenAt,
    })),
    2,
  );
  await tx.query(
    `INSERT INTO items (id, host_id, product, class, state, due, default_due, last_seen, created_at, updated_at)
     SELECT r.id, r.host_id, r.product, r.class, 'open', r.due, r.due, r.last_seen, $1, $1 FROM ${u.from}`,
    [now, ...u.params],
  );
  const reason = `found in ${s.file}`;
  await writeEvents(
    tx,
    fresh.map((f) => ({
      item_id: f.id,
      at: s.observedAt,
      actor: s.actor,
      action: "detect",
      from_state: null,
      to_state: "open",
      owner: null,
      product: f.product,
      reason,
    })),
  );
  await appendAudit(
    tx,
    ...fresh.map(
      (f): AuditRecord => ({
        at: s.now,
        actor: s.actor,
        action: "item.detect",
        subject: `item:${f.id}`,
        before: null,
        after: { state: "open", due: defaultDue(f.assessments), reason },
      }),
    ),
  );
  return fresh.map((f) => f.hostId);
}

interface Candidate {
  id: string;
  hostId: number;
  product: string;
  snapshot: ItemSnapshot;
  facts: AbsenceFacts;
}

/** Items whose verdict may change because the hosts were just observed, with the facts the rule needs. */
export async function judgeCandidates(
  tx: Queryable,
  hostIds: readonly number[],
  itemId?: string,
): Promise<Candidate[]> {
  const states = [...ACTIVE_STATES, ...GONE_STATES];
  const rows = await tx.query<
    SnapshotRow & {
      id: string;
      host_id: number;
      product: string;
      last_seen: string;
      last_network: string | null;
      inv_input: number | null;
      inv_at: string | null;
      inv_file: string | null;
    }
  >(
    `SELECT i.id, i.host_id, i.product, i.last_seen, ${snapshotColumns("i")},
       (SELECT max(fo.seen_at) FROM finding_observations fo
         WHERE fo.host_id = i.host_id AND fo.class = 'network') AS last_network,
       inv.input_id AS inv_input, inv.observed_at AS inv_at, inv.file AS inv_file
     FROM items i
     LEFT JOIN LATERAL (
       SELECT ho.input_id, ho.observed_at, inp.file
       FROM host_observations ho JOIN inputs inp ON inp.id = ho.input_id
       WHERE ho.host_id = i.host_id AND ho.role <> 'network' AND ho.observed_at > i.last_seen
       ORDER BY ho.observed_at DESC, ho.input_id DESC LIMIT 1
     ) inv ON true
     WHERE ${itemId ? "i.id = $1" : "i.host_id = ANY($1::bigint[])"} AND i.state = ANY($2::text[])
     ORDER BY i.id`,
    [itemId ?? hostIds, states],
  );
  return rows.map((r) => ({
    id: r.id,
    hostId: r.host_id,
    product: r.product,
    snapshot: snapshotOf(r),
    facts: {
      lastSeen: r.last_seen,
      lastNetwork: r.last_network,
      inventoryAfter:
        r.inv_input !== null ? { inputId: r.inv_input, observedAt: r.inv_at!, file: r.inv_file! } : null,
    },
  }));
}
