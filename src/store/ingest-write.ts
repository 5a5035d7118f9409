import { createHash } from "node:crypto";
import { isWorkItem } from "../assess/campaign.js";
import { CONFIDENCE_RANK, type Evidence, type Finding, type Suppression } from "../model/finding.js";
import type { HostSummary } from "../model/report.js";
import { appendAudit } from "./audit.js";
import { unnest } from "./bulk.js";
import { syncCampaign } from "./campaign-sync.js";
import type { Queryable } from "./db.js";
import {
  type AliasIndex,
  aliasesOf,
  allAliases,
  freeKey,
  type KnownHost,
  matchHost,
} from "./host-identity.js";
import { refreshHostProducts, refreshHostStatus } from "./host-status.js";
import type { IngestSummary, ScannedInput, WriteMeta } from "./types.js";

/** Evidence rows kept per finding and input; the rest is counted (a DNS log can repeat one query a million times). */
export const MAX_EVIDENCE_PER_INPUT = 1000;
const MAX_SUPPRESSED = 100;

export function findingId(hostKey: string, product: string, cls: string): string {
  return createHash("sha256").update(`${hostKey}\0${product}\0${cls}`).digest("hex").slice(0, 16);
}

const json = (v: unknown) => JSON.stringify(v);
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

interface HostPlan {
  hostId: number | undefined;
  key?: string;
  /** Known before this input (updated), or created by it (inserted complete). */
  existed: boolean;
  scanned: HostSummary[];
}

/**
 * Writes one scanned input: the input record, its hosts (matched to the ones the workspace knows),
 * one observation per host, findings merged with what earlier inputs found, evidence, and the
 * campaign consequences. Runs inside the caller's transaction; a duplicate digest writes nothing.
 */
export async function writeInput(
  tx: Queryable,
  input: ScannedInput,
  meta: WriteMeta,
): Promise<IngestSummary> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':ingest'))");
  const s = input.summary;
  const observedAt = meta.observedAt.toISOString();
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO inputs (digest, file, format, role, bytes, encoding, records, issue_count, issues, suppressed,
       host_count, finding_count, site, observed_at, ingested_at, ingested_by, catalog_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (digest) DO NOTHING RETURNING id`,
    [
      s.digest,
      s.file,
      s.format,
      input.role,
      s.bytes,
      s.encoding,
      s.records,
      s.issues,
      json(input.issues),
      json(input.suppressed.slice(0, MAX_SUPPRESSED)),
      input.hosts.length,
      input.findings.length,
      meta.site ?? null,
      observedAt,
      meta.now.toISOString(),
      meta.actor,
      meta.catalogVersion,
    ],
  );
  const inputId = inserted[0]?.id;
  if (inputId === undefined) return duplicate(tx, input);

  const plans = await planHosts(tx, input.hosts);
  const newHosts = await insertHosts(tx, plans, input, meta);
  await updateHosts(tx, plans, input, meta);
  await writeAliases(tx, plans);
  const hostIdOf = new Map<string, number>();
  const keyOf = new Map<number, string>();
  for (const p of plans) {
    for (const h of p.scanned) hostIdOf.set(h.id, p.hostId!);
    keyOf.set(p.hostId!, p.key!);
  }
  await tx.query(
    `INSERT INTO host_observations (host_id, input_id, observed_at, role, records, sources)
     SELECT r.host_id, $2, $3, $4, r.records, r.sources
     FROM jsonb_to_recordset($1::jsonb) AS r(host_id bigint, records integer, sources text[])`,
    [
      json(
        plans.map((p) => ({
          host_id: p.hostId,
          records: p.scanned.reduce((n, h) => n + h.records, 0),
          sources: p.scanned.reduce<string[]>((a, h) => union(a, h.sources), []),
        })),
      ),
      inputId,
      observedAt,
      input.role,
    ],
  );

  const merged = await writeFindings(tx, input.findings, hostIdOf, keyOf, inputId, observedAt);
  const { changedHosts, ...items } = await syncCampaign(tx, {
    inputId,
    file: s.file,
    role: input.role,
    observedAt,
    now: meta.now,
    actor: meta.actor,
    hostIds: plans.map((p) => p.hostId!),
    findings: merged.findings,
  });
  // hosts created by this input were inserted with their aggregates; of the others, only those
  // with findings here can gain products, and only those whose items moved change status
  const existed = new Set(plans.filter((p) => p.existed).map((p) => p.hostId!));
  await refreshHostProducts(
    tx,
    [...new Set(merged.findings.map((f) => f.hostId))].filter((h) => existed.has(h)),
  );
  await refreshHostStatus(
    tx,
    changedHosts.filter((h) => existed.has(h)),
  );

  const summary: IngestSummary = {
    status: "ingested",
    input: { ...s, id: inputId, role: input.role, observedAt, site: meta.site ?? null },
    hosts: { seen: plans.length, new: newHosts },
    findings: { seen: merged.findings.length, new: merged.created },
    items,
    issues: input.issues,
  };
  await appendAudit(tx, {
    at: meta.now,
    actor: meta.actor,
    action: "input.ingest",
    subject: `input:${inputId}`,
    before: null,
    after: { ...summary, issues: summary.issues.length },
  });
  return summary;
}

async function duplicate(tx: Queryable, input: ScannedInput): Promise<IngestSummary> {
  const rows = await tx.query<{ id: number; role: string; observed_at: string; site: string | null }>(
    "SELECT id, role, observed_at, site FROM inputs WHERE digest = $1",
    [input.summary.digest],
  );
  const r = rows[0]!;
  return {
    status: "duplicate",
    input: { ...input.summary, id: r.id, role: input.role, observedAt: r.observed_at, site: r.site },
    hosts: { seen: 0, new: 0 },
    findings: { seen: 0, new: 0 },
    items: { opened: 0, reopened: 0, verified: 0 },
    issues: [],
  };
}

/** Matches every scanned host to a stored host (or none yet), grouping those that are one machine. */
async function planHosts(tx: Queryable, hosts: HostSummary[]): Promise<HostPlan[]> {
  const aliases = hosts.map((h) => aliasesOf(h));
  const wanted = [...new Set(aliases.flatMap(allAliases))];
  const rows = await tx.query<{ alias: string; host_id: number; has_fqdn: boolean }>(
    `SELECT a.alias, a.host_id,
       EXISTS (SELECT 1 FROM host_aliases b WHERE b.host_id = a.host_id AND b.alias LIKE 'fqdn:%') AS has_fqdn
     FROM host_aliases a WHERE a.alias = ANY($1::text[])`,
    [wanted],
  );
  const index = new Map<string, KnownHost[]>();
  for (const r of rows) {
    const list = index.get(r.alias) ?? [];
    list.push({ hostId: r.host_id, hasFqdn: r.has_fqdn });
    index.set(r.alias, list);
  }
  const byHost = new Map<number, HostPlan>();
  const fresh: HostPlan[] = [];
  hosts.forEach((h, i) => {
    const id = matchHost(aliases[i]!, index as AliasIndex);
    if (id === undefined) fresh.push({ hostId: undefined, existed: false, scanned: [h] });
    else {
      const plan = byHost.get(id) ?? { hostId: id, existed: true, scanned: [] };
      plan.scanned.push(h);
      byHost.set(id, plan);
    }
  });
  const known = [...byHost.values()];
  if (known.length > 0) {
    const keys = await tx.query<{ id: number; key: string }>(
      "SELECT id, key FROM hosts WHERE id = ANY($1::bigint[])",
      [known.map((p) => p.hostId)],
    );
    for (const k of keys) byHost.get(k.id)!.key = k.key;
  }
  if (fresh.length > 0) {
    const wantedKeys = fresh.map((p) => p.scanned[0]!.id);
    const taken = new Set(
      (
        await tx.query<{ key: string }>("SELECT key FROM hosts WHERE key = ANY($1::text[])", [wantedKeys])
      ).map((r) => r.key),
    );
    // rare: a key already held by a host these names did not match; find its numbered siblings too
    for (const key of wantedKeys.filter((k) => taken.has(k))) {
      const like = `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}#%`;
      for (const r of await tx.query<{ key: string }>("SELECT key FROM hosts WHERE key LIKE $1", [like])) {
        taken.add(r.key);
      }
    }
    for (const p of fresh) {
      p.key = freeKey(p.scanned[0]!.id, taken);
      taken.add(p.key);
    }
  }
  return [...known, ...fresh];
}

function hostColumns(scanned: HostSummary[]) {
  const pick = (f: (h: HostSummary) => readonly string[]) =>
    scanned.reduce<string[]>((a, h) => union(a, f(h)), []);
  return {
    kind: scanned[0]!.kind,
    names: pick((h) => h.names),
    ips: pick((h) => h.ips),
    device_ids: pick((h) => h.ids),
    platforms: pick((h) => h.platforms),
    sources: pick((h) => h.sources),
    seen_in: pick((h) => h.seenIn ?? []),
    records: scanned.reduce((n, h) => n + h.records, 0),
  };
}

async function insertHosts(
  tx: Queryable,
  plans: HostPlan[],
  input: ScannedInput,
  meta: WriteMeta,
): Promise<number> {
  const fresh = plans.filter((p) => p.hostId === undefined);
  if (fresh.length === 0) return 0;
  const observedAt = meta.observedAt.toISOString();
  // a new host's findings are all new, and each covered one opens an item: its aggregates are known now
  const findingsOf = new Map<string, Finding[]>();
  for (const f of input.findings) findingsOf.set(f.host, [...(findingsOf.get(f.host) ?? []), f]);
  const aggregates = (p: HostPlan) => {
    const found = p.scanned.flatMap((h) => findingsOf.get(h.id) ?? []);
    const groups = new Set(found.map((f) => `${f.product}\0${f.class}`));
    const work = new Set(found.filter(isWorkItem).map((f) => `${f.product}\0${f.class}`));
    return {
      products: [...new Set(found.map((f) => f.product))].sort(),
      finding_count: groups.size,
      open_items: work.size,
      status: work.size > 0 ? "affected" : "clean",
    };
  };
  const rows = await tx.query<{ id: number; key: string }>(
    `INSERT INTO hosts (key, kind, names, ips, device_ids, platforms, sources, seen_in, site, records,
       first_seen, last_seen, last_inventory, products, finding_count, open_items, status)
     SELECT r.key, r.kind, r.names, r.ips, r.device_ids, r.platforms, r.sources, r.seen_in, $2, r.records, $3, $3, $4,
       r.products, r.finding_count, r.open_items, r.status
     FROM jsonb_to_recordset($1::jsonb) AS r(key text, kind text, names text[], ips text[], device_ids text[],
       platforms text[], sources text[], seen_in text[], records bigint, products text[], finding_count integer,
       open_items integer, status text)
     RETURNING id, key`,
    [
      json(fresh.map((p) => ({ key: p.key, ...hostColumns(p.scanned), ...aggregates(p) }))),
      meta.site ?? null,
      observedAt,
      input.role === "network" ? null : observedAt,
    ],
  );
  const idByKey = new Map(rows.map((r) => [r.key, r.id]));
  for (const p of fresh) p.hostId = idByKey.get(p.key!)!;
  return fresh.length;
}

async function updateHosts(
  tx: Queryable,
  plans: HostPlan[],
  input: ScannedInput,
  meta: WriteMeta,
): Promise<void> {
  const existing = plans.filter((p) => p.existed);
  if (existing.length === 0) return;
  const sortedUnion = (col: string) =>
    `coalesce((SELECT array_agg(DISTINCT v ORDER BY v) FROM unnest(h.${col} || r.${col}) AS v), '{}')`;
  await tx.query(
    `UPDATE hosts h SET
       names = ${sortedUnion("names")}, ips = ${sortedUnion("ips")}, device_ids = ${sortedUnion("device_ids")},
       platforms = ${sortedUnion("platforms")}, sources = ${sortedUnion("sources")},
       seen_in = ${sortedUnion("seen_in")}, records = h.records + r.records,
       first_seen = LEAST(h.first_seen, $2::timestamptz), last_seen = GREATEST(h.last_seen, $2::timestamptz),
       last_inventory = CASE WHEN $3 THEN GREATEST(h.last_inventory, $2::timestamptz) ELSE h.last_inventory END,
       site = COALESCE($4, h.site)
     FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, names text[], ips text[], device_ids text[],
       platforms text[], sources text[], seen_in text[], records bigint)
     WHERE h.id = r.id`,
    [
      json(existing.map((p) => ({ id: p.hostId, ...hostColumns(p.scanned) }))),
      meta.observedAt.toISOString(),
      input.role !== "network",
      meta.site ?? null,
    ],
  );
}

async function writeAliases(tx: Queryable, plans: HostPlan[]): Promise<void> {
  const rows: { alias: string; host_id: number }[] = [];
  for (const p of plans) {
    const seen = new Set<string>();
    for (const h of p.scanned) for (const a of allAliases(aliasesOf(h))) seen.add(a);
    for (const alias of seen) rows.push({ alias, host_id: p.hostId! });
  }
  const u = unnest(
    [
      ["alias", "text"],
      ["host_id", "bigint"],
    ],
    rows,
  );
  await tx.query(
    `INSERT INTO host_aliases (alias, host_id) SELECT ${u.select} FROM ${u.from} ON CONFLICT DO NOTHING`,
    u.params,
  );
}

/** A finding as stored after this input, with what the campaign needs to know about it. */
export interface MergedFinding {
  id: string;
  hostId: number;
  product: string;
  scope: Finding["scope"];
  class: Finding["class"];
  seenAt: string;
  assessments: Finding["assessments"];
  created: boolean;
}

interface Group {
  id: string;
  hostId: number;
  findings: Finding[];
}

function maxConfidence(
  a: Finding,
  b: { confidence: string; basis: string },
): { confidence: string; basis: string } {
  const ra = CONFIDENCE_RANK[a.confidence];
  const rb = CONFIDENCE_RANK[b.confidence as Finding["confidence"]] ?? 0;
  return rb > ra ? b : { confidence: a.confidence, basis: a.basis };
}

const least = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const greatest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** When the thing was last seen in this input: traffic time for network findings, else the observation date. */
function seenAtOf(f: Finding, observedAt: string): string {
  if (f.class === "network" && f.lastSeen) {
    const t = Date.parse(f.lastSeen);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return observedAt;
}

function mergeSignals(a: Record<string, number> | null | undefined, b: Record<string, number> | undefined) {
  if (!a && !b) return null;
  const out: Record<string, number> = { ...(a ?? {}) };
  for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

function mergeSuppressed(
  a: Suppression[] | null | undefined,
  b: Suppression[] | undefined,
): Suppression[] | null {
  const all = [...(a ?? []), ...(b ?? [])];
  if (all.length === 0) return null;
  const seen = new Set<string>();
  return all
    .filter((s) => {
      const k = JSON.stringify(s);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, MAX_SUPPRESSED);
}

const FINDING_COLUMNS = [
  ["id", "text"],
  ["host_id", "bigint"],
  ["vendor", "text"],
  ["product", "text"],
  ["product_name", "text"],
  ["kind", "text"],
  ["scope", "text"],
  ["class", "text"],
  ["confidence", "text"],
  ["basis", "text"],
  ["engine_of", "text"],
  ["first_seen", "text"],
  ["last_seen", "text"],
  ["first_observed", "timestamptz"],
  ["last_observed", "timestamptz"],
  ["update_after_cutoff", "boolean"],
  ["signals", "jsonb"],
  ["suppressed", "jsonb"],
  ["evidence_count", "integer"],
] as const;

const EVIDENCE_COLUMNS = [
  ["finding_id", "text"],
  ["seq", "integer"],
  ["signature", "text"],
  ["weight", "text"],
  ["field", "text"],
  ["value", "text"],
  ["matched", "text"],
  ["format", "text"],
  ["file", "text"],
  ["line", "integer"],
  ["record", "integer"],
  ["locator", "text"],
  ["at", "text"],
  ["state", "text"],
] as const;

const OBSERVATION_COLUMNS = [
  ["finding_id", "text"],
  ["host_id", "bigint"],
  ["product", "text"],
  ["class", "text"],
  ["seen_at", "timestamptz"],
  ["confidence", "text"],
  ["evidence", "integer"],
] as const;

interface StoredFinding {
  id: string;
  confidence: string;
  basis: string;
  first_seen: string | null;
  last_seen: string | null;
  first_observed: string;
  update_after_cutoff: boolean | null;
  signals: Record<string, number> | null;
  suppressed: Suppression[] | null;
  evidence_count: number;
}

async function writeFindings(
  tx: Queryable,
  findings: Finding[],
  hostIdOf: Map<string, number>,
  keyOf: Map<number, string>,
  inputId: number,
  observedAt: string,
): Promise<{ findings: MergedFinding[]; created: number }> {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const hostId = hostIdOf.get(f.host);
    if (hostId === undefined) throw new Error(`finding on unknown host ${f.host}`);
    const id = findingId(keyOf.get(hostId)!, f.product, f.class);
    const g = groups.get(id) ?? { id, hostId, findings: [] };
    g.findings.push(f);
    groups.set(id, g);
  }
  if (groups.size === 0) return { findings: [], created: 0 };
  const stored = new Map(
    (
      await tx.query<StoredFinding>(
        `SELECT id, confidence, basis, first_seen, last_seen, first_observed, update_after_cutoff, signals,
           suppressed, evidence_count FROM findings WHERE id = ANY($1::text[])`,
        [[...groups.keys()]],
      )
    ).map((r) => [r.id, r]),
  );
  const findingRows: Record<string, unknown>[] = [];
  const evidenceRows: Record<string, unknown>[] = [];
  const observationRows: Record<string, unknown>[] = [];
  const merged: MergedFinding[] = [];
  for (const g of groups.values()) {
    const first = g.findings[0]!;
    let evidence: Evidence[] = g.findings.flatMap((f) => f.evidence);
    const evidenceTotal = evidence.length;
    evidence = evidence.slice(0, MAX_EVIDENCE_PER_INPUT);
    let best: { confidence: string; basis: string } = { confidence: first.confidence, basis: first.basis };
    for (const f of g.findings) best = maxConfidence(f, best);
    const old = stored.get(g.id);
    if (old)
      best = maxConfidence({ ...first, ...best } as Finding, {
        confidence: old.confidence,
        basis: old.basis,
      });
    let firstSeen: string | null = old?.first_seen ?? null;
    let lastSeen: string | null = old?.last_seen ?? null;
    let updateAfter: boolean | null = old?.update_after_cutoff ?? null;
    let signals = old?.signals ?? null;
    let suppressed = old?.suppressed ?? null;
    let seenAt = observedAt;
    for (const f of g.findings) {
      firstSeen = least(firstSeen, f.firstSeen);
      lastSeen = greatest(lastSeen, f.lastSeen);
      if (f.updateAfterCutoff !== undefined) updateAfter = (updateAfter ?? false) || f.updateAfterCutoff;
      signals = mergeSignals(signals, f.signals);
      suppressed = mergeSuppressed(suppressed, f.suppressed);
      const t = seenAtOf(f, observedAt);
      if (f === first || t > seenAt) seenAt = t;
    }
    findingRows.push({
      id: g.id,
      host_id: g.hostId,
      vendor: first.vendor,
      product: first.product,
      product_name: first.productName,
      kind: first.kind,
      scope: first.scope,
      class: first.class,
      confidence: best.confidence,
      basis: best.basis,
      engine_of: first.engineOf ?? null,
      first_seen: firstSeen,
      last_seen: lastSeen,
      first_observed: old ? least(old.first_observed, observedAt) : observedAt,
      last_observed: observedAt,
      update_after_cutoff: updateAfter,
      signals,
      suppressed,
      evidence_count: (old?.evidence_count ?? 0) + evidenceTotal,
    });
    evidence.forEach((e, seq) => {
      evidenceRows.push({
        finding_id: g.id,
        seq,
        signature: e.signature,
        weight: e.weight,
        field: e.field,
        value: e.value,
        matched: e.matched,
        format: e.format,
        file: e.file,
        line: e.line ?? null,
        record: e.record ?? null,
        locator: e.locator ?? null,
        at: e.at ?? null,
        state: e.state ?? null,
      });
    });
    observationRows.push({
      finding_id: g.id,
      host_id: g.hostId,
      product: first.product,
      class: first.class,
      seen_at: seenAt,
      confidence: best.confidence,
      evidence: evidenceTotal,
    });
    merged.push({
      id: g.id,
      hostId: g.hostId,
      product: first.product,
      scope: first.scope,
      class: first.class,
      seenAt,
      assessments: first.assessments,
      created: !old,
    });
  }
  const f = unnest(FINDING_COLUMNS, findingRows);
  await tx.query(
    `INSERT INTO findings (${FINDING_COLUMNS.map(([n]) => n).join(", ")})
     SELECT ${f.select} FROM ${f.from}
     ON CONFLICT (id) DO UPDATE SET confidence = EXCLUDED.confidence, basis = EXCLUDED.basis,
       first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, first_observed = EXCLUDED.first_observed,
       last_observed = GREATEST(findings.last_observed, EXCLUDED.last_observed),
       update_after_cutoff = EXCLUDED.update_after_cutoff, signals = EXCLUDED.signals,
       suppressed = EXCLUDED.suppressed, evidence_count = EXCLUDED.evidence_count`,
    f.params,
  );
  const e = unnest(EVIDENCE_COLUMNS, evidenceRows, 2);
  await tx.query(
    `INSERT INTO evidence (input_id, ${EVIDENCE_COLUMNS.map(([n]) => n).join(", ")})
     SELECT $1, ${e.select} FROM ${e.from}`,
    [inputId, ...e.params],
  );
  const o = unnest(OBSERVATION_COLUMNS, observationRows, 3);
  await tx.query(
    `INSERT INTO finding_observations (input_id, observed_at, ${OBSERVATION_COLUMNS.map(([n]) => n).join(", ")})
     SELECT $1, $2, ${o.select} FROM ${o.from}`,
    [inputId, observedAt, ...o.params],
  );
  return { findings: merged, created: merged.filter((m) => m.created).length };
}
