import { createHash } from "node:crypto";
import type { Product } from "../model/catalog.js";
import { CONFIDENCE_RANK, type Confidence, type Evidence, type Finding } from "../model/finding.js";
import type { Observation } from "../model/observation.js";
import { evidenceOf } from "./evidence.js";
import type { HostRegistry } from "./hosts.js";
import type { NetworkHit, NetworkMatcher } from "./network-matcher.js";
import { byText } from "./order.js";

/** Evidence kept per finding: the rest is counted, never stored (a busy host sends thousands). */
export const MAX_NETWORK_EVIDENCE = 50;
/** Records kept per rule and value, so every distinct name shows up before the cap is reached. */
const PER_VALUE = 3;
/** Distinct peers remembered per KSC finding (enough to tell a fleet from a coincidence). */
const MAX_PEERS = 1000;

interface Aggregate {
  sighting: string;
  product: string;
  records: number;
  signals: Map<string, number>;
  first?: string;
  last?: string;
  afterCutoff: number;
  fallback: number;
  strong: Set<string>;
  weak: Set<string>;
  peers: Set<string>;
  ports: Set<string>;
  evidence: Evidence[];
  perValue: Map<string, number>;
}

/** Network evidence: the common fields plus the signal kind and, for fallback lookups, the resolver. */
function networkEvidence(hit: NetworkHit, obs: Observation): Evidence {
  return {
    ...evidenceOf(hit, obs),
    signal: hit.rule.signal,
    ...(hit.resolver !== undefined && { resolver: hit.resolver }),
  };
}

function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    byText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.record ?? 0) - (b.record ?? 0) ||
    byText(a.signature, b.signature) ||
    byText(a.value, b.value)
  );
}

const min = (a: string | undefined, b: string | undefined) =>
  a === undefined || (b !== undefined && b < a) ? b : a;
const max = (a: string | undefined, b: string | undefined) =>
  a === undefined || (b !== undefined && b > a) ? b : a;

/**
 * Network hits aggregated as records stream past: per host and product, counts per signal, first
 * and last time, whether update/KSN/activation traffic came at or after the cut-off, and a bounded
 * sample of evidence. Memory grows with hosts × products, never with the number of log lines.
 */
export class NetworkFindings {
  private readonly aggregates = new Map<string, Aggregate>();

  constructor(
    private readonly matcher: NetworkMatcher,
    private readonly hosts: HostRegistry,
    private readonly product: (id: string) => Product | undefined,
  ) {}

  /** Matches one network observation; the client was counted by the caller (its sighting key). */
  add(obs: Observation, sighting: string): boolean {
    const hits = this.matcher.match(obs);
    for (const hit of hits) this.collect(hit, obs, this.subjectOf(hit, obs, sighting));
    return hits.length > 0;
  }

  private subjectOf(hit: NetworkHit, obs: Observation, sighting: string): string {
    if (hit.rule.subject !== "responder" || !obs.fields.dstIp) return sighting;
    return this.hosts.touch({ ip: obs.fields.dstIp.trim() }, obs.origin.format, "network");
  }

  private collect(hit: NetworkHit, obs: Observation, sighting: string): void {
    const product = hit.rule.owner.kind === "product" ? hit.rule.owner.product : "";
    const key = `${sighting}\0${product}`;
    let agg = this.aggregates.get(key);
    if (!agg) {
      agg = {
        sighting,
        product,
        records: 0,
        signals: new Map(),
        afterCutoff: 0,
        fallback: 0,
        strong: new Set(),
        weak: new Set(),
        peers: new Set(),
        ports: new Set(),
        evidence: [],
        perValue: new Map(),
      };
      this.aggregates.set(key, agg);
    }
    const signal = hit.rule.signal;
    const sig = hit.rule.compiled.signature;
    agg.records++;
    agg.signals.set(signal, (agg.signals.get(signal) ?? 0) + 1);
    (sig.weight === "strong" && sig.confidence !== "low" ? agg.strong : agg.weak).add(signal);
    if (obs.at) {
      agg.first = min(agg.first, obs.at);
      agg.last = max(agg.last, obs.at);
      if (this.matcher.cutoffSignals.has(signal) && Date.parse(obs.at) >= this.matcher.cutoff)
        agg.afterCutoff++;
    }
    if (hit.resolver) agg.fallback++;
    if (hit.peer && agg.peers.size < MAX_PEERS) agg.peers.add(hit.peer);
    if (hit.rule.kind === "ksc") agg.ports.add(hit.value.value);
    const valueKey = `${sig.id}\0${hit.raw.toLowerCase()}\0${hit.resolver ?? ""}\0${hit.peer ?? ""}`;
    const seen = agg.perValue.get(valueKey) ?? 0;
    if (seen < PER_VALUE && agg.evidence.length < MAX_NETWORK_EVIDENCE) {
      agg.perValue.set(valueKey, seen + 1);
      agg.evidence.push(networkEvidence(hit, obs));
    }
  }

  /** Findings so far, one per merged host and product; may be called again as more records arrive. */
  finish(): Finding[] {
    // An indicator (a visit to Kaspersky's public sites) is a finding of its own only on a host
    // with no other Kaspersky traffic; otherwise it is one more piece of that host's evidence.
    const indicator = (id: string) => this.product(id)?.kind === "indicator";
    const others = new Map<string, string[]>();
    for (const agg of this.aggregates.values()) {
      if (indicator(agg.product)) continue;
      const host = this.hosts.hostId(agg.sighting);
      others.set(host, [...(others.get(host) ?? []), agg.product]);
    }
    const target = (host: string, product: string) => {
      const rest = others.get(host);
      if (!indicator(product) || !rest) return product;
      return rest.includes("kaspersky-unidentified") ? "kaspersky-unidentified" : [...rest].sort()[0]!;
    };
    const merged = new Map<string, { host: string; product: string; parts: Aggregate[] }>();
    for (const agg of this.aggregates.values()) {
      const host = this.hosts.hostId(agg.sighting);
      const productId = target(host, agg.product);
      const key = `${host}\0${productId}`;
      const entry = merged.get(key) ?? { host, product: productId, parts: [] };
      entry.parts.push(agg);
      merged.set(key, entry);
    }
    const findings: Finding[] = [];
    for (const { host, product: productId, parts } of merged.values()) {
      const product = this.product(productId);
      if (product) findings.push(this.toFinding(host, product, parts));
    }
    return findings;
  }

  private toFinding(host: string, product: Product, parts: Aggregate[]): Finding {
    const signals = new Map<string, number>();
    const strong = new Set<string>();
    const weak = new Set<string>();
    const peers = new Set<string>();
    const ports = new Set<string>();
    let records = 0;
    let afterCutoff = 0;
    let fallback = 0;
    let first: string | undefined;
    let last: string | undefined;
    const evidence: Evidence[] = [];
    for (const p of parts) {
      for (const [k, n] of p.signals) signals.set(k, (signals.get(k) ?? 0) + n);
      for (const s of p.strong) strong.add(s);
      for (const s of p.weak) weak.add(s);
      for (const s of p.peers) peers.add(s);
      for (const s of p.ports) ports.add(s);
      records += p.records;
      afterCutoff += p.afterCutoff;
      fallback += p.fallback;
      first = min(first, p.first);
      last = max(last, p.last);
      evidence.push(...p.evidence);
    }
    evidence.sort(compareEvidence);
    const shown = evidence.slice(0, MAX_NETWORK_EVIDENCE);
    const graded = gradeNetwork({ signals, strong, weak, peers: peers.size, ports: ports.size });
    let { confidence } = graded;
    const notes = [graded.basis, `${records} matching record(s)`];
    if (shown.length < records) notes.push(`${shown.length} shown as evidence`);
    if (peers.size > 0)
      notes.push(`${peers.size}${peers.size >= MAX_PEERS ? "+" : ""} peer host(s) on KSC ports`);
    if (afterCutoff > 0) notes.push(`${afterCutoff} update/KSN/activation record(s) at or after the cut-off`);
    if (fallback > 0)
      notes.push(`${fallback} query(ies) sent straight to a public resolver (resolver fallback)`);
    if (product.maxConfidence && CONFIDENCE_RANK[product.maxConfidence] < CONFIDENCE_RANK[confidence]) {
      confidence = product.maxConfidence;
      notes.push(`capped at ${confidence} by the catalogue`);
    }
    const id = createHash("sha256").update(`${host}\0${product.id}\0network`).digest("hex").slice(0, 16);
    const finding: Finding = {
      id,
      host,
      vendor: product.engineOf ?? product.vendor,
      product: product.id,
      productName: product.name,
      kind: product.kind,
      scope: product.scope,
      class: "network",
      confidence,
      basis: notes.join("; "),
      firstSeen: first ?? null,
      lastSeen: last ?? null,
      updateAfterCutoff: afterCutoff > 0,
      signals: Object.fromEntries([...signals.entries()].sort(([a], [b]) => byText(a, b))),
      evidence: shown,
      assessments: [],
    };
    if (product.engineOf) finding.engineOf = product.engineOf;
    return finding;
  }
}

export interface SignalSummary {
  signals: ReadonlyMap<string, number>;
  /** Signal kinds seen with strong evidence from normally sourced rows. */
  strong: ReadonlySet<string>;
  weak: ReadonlySet<string>;
  /** Distinct peers and distinct ports on KSC rules. */
  peers: number;
  ports: number;
}

/** KSC ports alone are common numbers: a fleet shows as several agents or several KSC ports. */
const FLEET_PEERS = 3;

/**
 * Network confidence: update, KSN or activation traffic, an interception certificate, a strong
 * product-specific rule, or a corroborated KSC fleet each prove a product runs; two of them
 * confirm it. Weak kinds (downloads, telemetry, a lone KSC port) make it likely only together;
 * web visits never count.
 */
export function gradeNetwork(s: SignalSummary): { confidence: Confidence; basis: string } {
  const proving = new Set(s.strong);
  if (s.signals.has("interception")) proving.add("interception");
  const fleet = s.signals.has("management") && (s.peers >= FLEET_PEERS || s.ports >= 2);
  if (fleet) proving.add("management");
  const kinds = [...proving].sort();
  if (kinds.length >= 2)
    return {
      confidence: "confirmed",
      basis: `Kaspersky traffic of ${kinds.length} kinds (${kinds.join(", ")})`,
    };
  if (kinds.length === 1) {
    const what = fleet ? "KSC traffic from a fleet" : `${kinds[0]} traffic`;
    return { confidence: "likely", basis: what };
  }
  const weak = [...s.weak].filter((k) => k !== "web-visit" && !proving.has(k)).sort();
  if (weak.length >= 2)
    return {
      confidence: "likely",
      basis: `weak Kaspersky traffic of ${weak.length} kinds (${weak.join(", ")})`,
    };
  if (weak.length === 1) return { confidence: "possible", basis: `${weak[0]} traffic only` };
  return { confidence: "possible", basis: "visits to Kaspersky's public web sites only" };
}
