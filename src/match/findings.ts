import { createHash } from "node:crypto";
import type { Product } from "../model/catalog.js";
import {
  CONFIDENCE_RANK,
  type Confidence,
  type Evidence,
  type Finding,
  type FindingClass,
  type Suppression,
} from "../model/finding.js";
import type { Observation } from "../model/observation.js";
import { detach } from "./detach.js";
import { clip, evidenceOf } from "./evidence.js";
import type { HostRegistry } from "./hosts.js";
import type { Hit, Matcher, SetAside } from "./matcher.js";
import { NetworkFindings } from "./network-findings.js";
import { byText } from "./order.js";

const NETWORK_KINDS = new Set(["dns", "tls", "flow", "http"]);

export interface SuppressedEntry extends Suppression {
  host: string;
}

interface Matched {
  sighting: string;
  obs: Observation;
  hits: Hit[];
  setAside: SetAside[];
}

interface Draft {
  host: string;
  product: Product;
  cls: FindingClass;
  evidence: Evidence[];
  suppressed: Suppression[];
  times: string[];
  signals: Map<string, number>;
}

export function classOf(obs: Observation, product: Product): FindingClass {
  if (NETWORK_KINDS.has(obs.kind)) return "network";
  if (obs.state === "removed" || product.kind === "indicator") return "historical";
  if (obs.embedded || product.kind === "oem" || product.kind === "engine") return "integrated";
  return "installed";
}

function suppressionOf(s: SetAside, obs: Observation): Suppression {
  return {
    signature: s.hit.rule.compiled.signature.id,
    value: clip(s.hit.raw),
    by: s.by,
    reason: s.reason,
    file: obs.origin.file,
    ...(obs.origin.line !== undefined && { line: obs.origin.line }),
    ...(obs.origin.record !== undefined && { record: obs.origin.record }),
  };
}

/**
 * Two independent kinds of evidence, or one authoritative identifier, confirm a product; one strong
 * kind makes it likely; weak evidence alone (a bare brand word, a low-confidence artefact) stays possible.
 */
export function grade(evidence: Evidence[], cap?: Confidence): { confidence: Confidence; basis: string } {
  const authoritative = evidence.find((e) => e.weight === "authoritative");
  const strongFields = [...new Set(evidence.filter((e) => e.weight === "strong").map((e) => e.field))].sort();
  const allFields = [...new Set(evidence.map((e) => e.field))].sort();
  let confidence: Confidence;
  let basis: string;
  if (authoritative) {
    confidence = "confirmed";
    basis = `authoritative identifier (${authoritative.field}: ${authoritative.signature})`;
  } else if (strongFields.length >= 1 && allFields.length >= 2) {
    confidence = "confirmed";
    basis = `${allFields.length} independent kinds of evidence (${allFields.join(", ")})`;
  } else if (strongFields.length >= 1 || allFields.length >= 2) {
    confidence = "likely";
    basis =
      strongFields.length >= 1
        ? `one kind of strong evidence (${strongFields.join(", ")})`
        : `weak evidence of ${allFields.length} kinds (${allFields.join(", ")})`;
  } else {
    confidence = "possible";
    basis = `weak evidence only (${allFields.join(", ")})`;
  }
  if (cap && CONFIDENCE_RANK[cap] < CONFIDENCE_RANK[confidence]) {
    basis += `; capped at ${cap} by the catalogue (weakly sourced link)`;
    confidence = cap;
  }
  return { confidence, basis };
}

function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    byText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.record ?? 0) - (b.record ?? 0) ||
    byText(a.signature, b.signature) ||
    byText(a.field, b.field) ||
    byText(a.value, b.value)
  );
}

/** Collects hits as records stream past, then resolves them into findings per host and product. */
export class FindingCollector {
  private readonly matched: Matched[] = [];
  /** Network observations are aggregated there (counts, not every record). */
  private readonly network: NetworkFindings;

  constructor(
    private readonly matcher: Matcher,
    private readonly hosts: HostRegistry,
  ) {
    this.network = new NetworkFindings(matcher.network, hosts, (id) => matcher.product(id));
  }

  /** Matches one observation; the host is counted by the caller through the registry. */
  add(obs: Observation, sighting: string): boolean {
    if (NETWORK_KINDS.has(obs.kind)) return this.network.add(obs, sighting);
    const { hits, setAside } = this.matcher.match(obs);
    if (hits.length === 0 && setAside.length === 0) return false;
    // keep copies, not slices of the input text (see detach): the record itself is not retained
    const kept: Observation = {
      host: {},
      kind: obs.kind,
      fields: {},
      origin: {
        ...obs.origin,
        ...(obs.origin.locator !== undefined && { locator: detach(obs.origin.locator) }),
      },
      ...(obs.at !== undefined && { at: detach(obs.at) }),
      ...(obs.state !== undefined && { state: obs.state }),
      ...(obs.embedded !== undefined && { embedded: obs.embedded }),
    };
    const keep = (h: Hit): Hit => ({ ...h, raw: detach(clip(h.raw)) });
    this.matched.push({
      sighting,
      obs: kept,
      hits: hits.map(keep),
      setAside: setAside.map((x) => ({ ...x, hit: keep(x.hit) })),
    });
    return hits.length > 0;
  }

  finish(): { findings: Finding[]; suppressed: SuppressedEntry[] } {
    const perHost = new Map<string, Matched[]>();
    for (const m of this.matched) {
      const host = this.hosts.hostId(m.sighting);
      const list = perHost.get(host) ?? [];
      list.push(m);
      perHost.set(host, list);
    }
    // Peak memory matters on estates of millions of rows: each host's matched records, and each
    // draft, are let go as soon as they have been turned into the next form.
    this.matched.length = 0;
    const drafts = new Map<string, Draft>();
    const suppressed: SuppressedEntry[] = [];
    for (const [host, list] of perHost) {
      this.resolveHost(host, list, drafts, suppressed);
      perHost.delete(host);
    }
    const findings: Finding[] = [];
    for (const [key, d] of drafts) {
      findings.push(this.toFinding(d));
      drafts.delete(key);
    }
    findings.push(...this.network.finish());
    findings.sort(
      (a, b) => byText(a.host, b.host) || byText(a.product, b.product) || byText(a.class, b.class),
    );
    suppressed.sort(
      (a, b) => byText(a.host, b.host) || byText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
    );
    return { findings, suppressed };
  }

  private resolveHost(
    host: string,
    list: Matched[],
    drafts: Map<string, Draft>,
    suppressed: SuppressedEntry[],
  ): void {
    const direct = (m: Matched) =>
      m.hits.flatMap((h) => (h.rule.owner.kind === "product" ? [h.rule.owner.product] : []));
    const eligibleFor = (owner: Extract<Hit["rule"]["owner"], { kind: "shared" }>) => (id: string) =>
      owner.products === "any"
        ? ["product", "oem", "engine", "service"].includes(this.matcher.product(id)?.kind ?? "")
        : owner.products.includes(id);
    // Products on the host: those named by product rules, then those that rules shared by a few
    // products resolve to (a KAVFS service makes the host a Windows Server product host), so that
    // vendor-wide evidence (a klif driver) joins that product instead of an "unidentified" one.
    const onHost = new Set(list.flatMap(direct));
    for (const m of list) {
      for (const h of m.hits) {
        const owner = h.rule.owner;
        if (owner.kind !== "shared" || owner.products === "any") continue;
        const eligible = eligibleFor(owner);
        if (![...onHost].some(eligible)) onHost.add(owner.fallback);
      }
    }
    for (const m of list) {
      const onRecord = new Set(direct(m));
      const targetsOf = (hit: Hit): string[] => {
        const owner = hit.rule.owner;
        if (owner.kind === "product") return [owner.product];
        if (owner.kind === "guard") return [];
        const eligible = eligibleFor(owner);
        const sameRecord = [...onRecord].filter(eligible);
        if (sameRecord.length > 0) return sameRecord;
        const sameHost = [...onHost].filter(eligible);
        return sameHost.length > 0 ? sameHost : [owner.fallback];
      };
      let produced = false;
      const touched: Draft[] = [];
      for (const hit of m.hits) {
        for (const productId of targetsOf(hit)) {
          const product = this.matcher.product(productId);
          if (!product) continue;
          const draft = this.draft(drafts, host, product, classOf(m.obs, product));
          draft.evidence.push(evidenceOf(hit, m.obs));
          if (m.obs.at) draft.times.push(m.obs.at);
          touched.push(draft);
          produced = true;
        }
      }
      const set = m.setAside.map((s) => suppressionOf(s, m.obs));
      if (produced) for (const d of new Set(touched)) d.suppressed.push(...set);
      else suppressed.push(...set.map((s) => ({ host, ...s })));
    }
  }

  private draft(drafts: Map<string, Draft>, host: string, product: Product, cls: FindingClass): Draft {
    const key = `${host}\0${product.id}\0${cls}`;
    let d = drafts.get(key);
    if (!d) {
      d = { host, product, cls, evidence: [], suppressed: [], times: [], signals: new Map() };
      drafts.set(key, d);
    }
    return d;
  }

  private toFinding(d: Draft): Finding {
    const evidence = sortedUnique(d.evidence);
    const { confidence, basis } = grade(evidence, d.product.maxConfidence);
    const times = [...d.times].sort();
    const id = createHash("sha256").update(`${d.host}\0${d.product.id}\0${d.cls}`).digest("hex").slice(0, 16);
    const finding: Finding = {
      id,
      host: d.host,
      vendor: d.product.engineOf ?? d.product.vendor,
      product: d.product.id,
      productName: d.product.name,
      kind: d.product.kind,
      scope: d.product.scope,
      class: d.cls,
      confidence,
      basis,
      firstSeen: times[0] ?? null,
      lastSeen: times[times.length - 1] ?? null,
      evidence,
      assessments: [],
    };
    if (d.product.engineOf) finding.engineOf = d.product.engineOf;
    if (d.suppressed.length > 0) finding.suppressed = dedupeSuppressed(d.suppressed);
    return finding;
  }
}

/** Evidence is a duplicate when the same rule saw the same value in the same record. */
function sameEvidence(a: Evidence, b: Evidence): boolean {
  return (
    a.file === b.file &&
    a.line === b.line &&
    a.record === b.record &&
    a.locator === b.locator &&
    a.signature === b.signature &&
    a.field === b.field &&
    a.value === b.value &&
    a.at === b.at &&
    a.state === b.state
  );
}

/**
 * Sorted evidence without duplicates. Duplicates compare equal, so each entry is checked only
 * against the run of equal-comparing entries kept before it: no key strings are built, which
 * matters for the tens of thousands of findings of a large estate.
 */
function sortedUnique(evidence: Evidence[]): Evidence[] {
  evidence.sort(compareEvidence);
  if (evidence.length < 2) return evidence;
  const out: Evidence[] = [];
  let runStart = 0;
  for (const e of evidence) {
    if (out.length > 0 && compareEvidence(out[out.length - 1]!, e) !== 0) runStart = out.length;
    let dup = false;
    for (let i = runStart; i < out.length && !dup; i++) dup = sameEvidence(out[i]!, e);
    if (!dup) out.push(e);
  }
  return out;
}

function dedupeSuppressed(list: Suppression[]): Suppression[] {
  const seen = new Set<string>();
  return list
    .filter((s) => {
      const k = JSON.stringify(s);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort(
      (a, b) => byText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || byText(a.signature, b.signature),
    );
}
