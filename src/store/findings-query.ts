import type { Evidence, Finding, Suppression } from "../model/finding.js";
import type { Db } from "./db.js";
import type { Page } from "./types.js";
import { Where } from "./where.js";

export interface FindingFilter {
  host?: string;
  product?: string;
  class?: string;
  confidence?: string;
  scope?: string;
  cursor?: string;
  limit: number;
  /** Evidence rows per finding in the answer (the newest inputs first); 0 for none. */
  evidence: number;
}

/** A finding as the workspace knows it: the report's shape (assessments empty: they are made when read) plus when inputs saw it. */
export type StoredFinding = Finding & {
  firstObserved: string;
  lastObserved: string;
  evidenceTotal: number;
};

interface Raw {
  id: string;
  host: string;
  vendor: string;
  product: string;
  product_name: string;
  kind: string;
  scope: Finding["scope"];
  class: Finding["class"];
  confidence: Finding["confidence"];
  basis: string;
  engine_of: string | null;
  first_seen: string | null;
  last_seen: string | null;
  first_observed: string;
  last_observed: string;
  update_after_cutoff: boolean | null;
  signals: Record<string, number> | null;
  suppressed: Suppression[] | null;
  evidence_count: number;
}

const SELECT = `SELECT f.id, h.key AS host, f.vendor, f.product, f.product_name, f.kind, f.scope, f.class,
  f.confidence, f.basis, f.engine_of, f.first_seen, f.last_seen, f.first_observed, f.last_observed,
  f.update_after_cutoff, f.signals, f.suppressed, f.evidence_count
  FROM findings f JOIN hosts h ON h.id = f.host_id`;

function toFinding(r: Raw, evidence: Evidence[]): StoredFinding {
  const f: StoredFinding = {
    id: r.id,
    host: r.host,
    vendor: r.vendor,
    product: r.product,
    productName: r.product_name,
    kind: r.kind,
    scope: r.scope,
    class: r.class,
    confidence: r.confidence,
    basis: r.basis,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    evidence,
    assessments: [],
    firstObserved: r.first_observed,
    lastObserved: r.last_observed,
    evidenceTotal: r.evidence_count,
  };
  if (r.update_after_cutoff !== null) f.updateAfterCutoff = r.update_after_cutoff;
  if (r.signals) f.signals = r.signals;
  if (r.engine_of) f.engineOf = r.engine_of;
  if (r.suppressed && r.suppressed.length > 0) f.suppressed = r.suppressed;
  return f;
}

interface EvidenceRaw {
  finding_id: string;
  signature: string;
  weight: Evidence["weight"];
  field: string;
  value: string;
  matched: string;
  format: string;
  file: string;
  line: number | null;
  record: number | null;
  locator: string | null;
  at: string | null;
  state: Evidence["state"] | null;
}

function toEvidence(r: EvidenceRaw): Evidence {
  return {
    signature: r.signature,
    weight: r.weight,
    field: r.field,
    value: r.value,
    matched: r.matched,
    format: r.format,
    file: r.file,
    ...(r.line !== null && { line: r.line }),
    ...(r.record !== null && { record: r.record }),
    ...(r.locator !== null && { locator: r.locator }),
    ...(r.at !== null && { at: r.at }),
    ...(r.state !== null && { state: r.state }),
  };
}

export class Findings {
  constructor(private readonly db: Db) {}

  async list(filter: FindingFilter): Promise<Page<StoredFinding>> {
    const w = new Where();
    if (filter.host) w.add("h.key = ?", filter.host);
    if (filter.product) w.add("f.product = ?", filter.product);
    if (filter.class) w.add("f.class = ?", filter.class);
    if (filter.confidence) w.add("f.confidence = ?", filter.confidence);
    if (filter.scope) w.add("f.scope = ?", filter.scope);
    const total = (
      await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM findings f JOIN hosts h ON h.id = f.host_id ${w.sql}`,
        w.params,
      )
    )[0]!.n;
    const cond = filter.cursor ? w.and(`f.id > ${w.bind(filter.cursor)}`) : w.sql;
    const rows = await this.db.query<Raw>(
      `${SELECT} ${cond} ORDER BY f.id LIMIT ${w.bind(filter.limit + 1)}`,
      w.params,
    );
    const more = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit);
    const evidence = await this.evidenceOf(
      page.map((r) => r.id),
      filter.evidence,
    );
    return {
      items: page.map((r) => toFinding(r, evidence.get(r.id) ?? [])),
      next: more ? page[page.length - 1]!.id : null,
      total,
    };
  }

  async get(id: string, evidenceLimit = 10_000): Promise<StoredFinding | undefined> {
    const rows = await this.db.query<Raw>(`${SELECT} WHERE f.id = $1`, [id]);
    const r = rows[0];
    if (!r) return undefined;
    const evidence = await this.evidenceOf([id], evidenceLimit);
    return toFinding(r, evidence.get(id) ?? []);
  }

  /** The inputs that saw a finding, oldest first. */
  async sightings(id: string) {
    return this.db.query<{
      inputId: number;
      file: string;
      observedAt: string;
      seenAt: string;
      confidence: string;
    }>(
      `SELECT fo.input_id AS "inputId", i.file, fo.observed_at AS "observedAt", fo.seen_at AS "seenAt", fo.confidence
       FROM finding_observations fo JOIN inputs i ON i.id = fo.input_id
       WHERE fo.finding_id = $1 ORDER BY fo.observed_at, fo.input_id`,
      [id],
    );
  }

  /** Up to `limit` evidence rows per finding, newest input first, in file/line order within an input. */
  async evidenceOf(ids: readonly string[], limit: number): Promise<Map<string, Evidence[]>> {
    const out = new Map<string, Evidence[]>();
    if (ids.length === 0 || limit <= 0) return out;
    const rows = await this.db.query<EvidenceRaw>(
      `SELECT finding_id, signature, weight, field, value, matched, format, file, line, record, locator, at, state
       FROM (
         SELECT e.*, row_number() OVER (PARTITION BY e.finding_id ORDER BY e.input_id DESC, e.seq) AS n
         FROM evidence e WHERE e.finding_id = ANY($1::text[])
       ) x WHERE n <= $2 ORDER BY finding_id, input_id DESC, seq`,
      [ids, limit],
    );
    for (const r of rows) {
      const list = out.get(r.finding_id) ?? [];
      list.push(toEvidence(r));
      out.set(r.finding_id, list);
    }
    return out;
  }
}
