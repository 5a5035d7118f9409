import {
  type CompiledSignature,
  type CompiledValue,
  compileSignature,
  FieldValue,
  minimalNeedles,
  needleFilter,
  testSignature,
} from "../catalog/compile.js";
import type { Catalog } from "../catalog/load.js";
import { NeedleScanner } from "../catalog/needle-scanner.js";
import type { Product } from "../model/catalog.js";
import type { FieldName, Observation } from "../model/observation.js";
import { NETWORK_KINDS, NetworkMatcher } from "./network-matcher.js";

/** Who a signature speaks for. */
export type Owner =
  | { kind: "product"; product: string }
  | { kind: "shared"; products: readonly string[] | "any"; fallback: string }
  | { kind: "guard"; guard: string; name: string; reason: string };

export interface Rule {
  compiled: CompiledSignature;
  owner: Owner;
  exclusive: boolean;
}

export interface Hit {
  rule: Rule;
  value: CompiledValue;
  field: FieldName;
  raw: string;
}

export interface SetAside {
  hit: Hit;
  by: string;
  reason: string;
}

export interface ObservationHits {
  hits: Hit[];
  setAside: SetAside[];
}

const EMPTY: ObservationHits = { hits: [], setAside: [] };

const WEIGHT_RANK = { authoritative: 3, strong: 2, weak: 1 } as const;

/** Low-confidence rules count as weak evidence, whatever weight they declare. */
function effectiveWeight(h: Hit): keyof typeof WEIGHT_RANK {
  const sig = h.rule.compiled.signature;
  return sig.confidence === "low" ? "weak" : sig.weight;
}

/** The install year in the forms inventories write: 20120105, 2012-01-05…, 1/5/2012 12:00:00 AM, 05.01.2012. */
export function yearOf(date: string | undefined): number | undefined {
  if (!date) return undefined;
  const v = date.trim();
  const m = /^((?:19|20)\d{2})(?:\d{4}|[-/.]|$)/.exec(v) ?? /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/**
 * The compiled catalogue: rules grouped by the field they test, each field guarded by a literal
 * pre-filter so that the usual record (no Kaspersky anywhere) costs one regex test per field.
 */
export class Matcher {
  readonly rules: Rule[] = [];
  private readonly byField = new Map<FieldName, Rule[]>();
  private readonly fieldFilter = new Map<FieldName, RegExp>();
  /** Sound pre-filter over any raw record text: no match is possible in a record that fails it. */
  readonly prefilter: RegExp;
  /** The same needles as one automaton, for scanning whole chunks of text at once. */
  readonly scanner: NeedleScanner;
  /** Network indicators (DNS, TLS, HTTP, flows): network observations are matched there. */
  readonly network: NetworkMatcher;

  constructor(readonly catalog: Catalog) {
    this.network = NetworkMatcher.fromCatalog(catalog);
    for (const p of catalog.products.values()) {
      for (const s of p.signatures) this.add(s, { kind: "product", product: p.id });
    }
    for (const s of catalog.shared) {
      const products = s.products?.includes("*") ? "any" : (s.products ?? []);
      this.add(s, { kind: "shared", products, fallback: s.fallback ?? "" });
    }
    for (const g of catalog.guards) {
      for (const s of g.signatures) {
        this.add({ ...s, exclusive: true }, { kind: "guard", guard: g.id, name: g.name, reason: g.reason });
      }
    }
    const all: string[] = [];
    for (const [field, rules] of this.byField) {
      const needles = rules.flatMap((r) => r.compiled.needles);
      all.push(...needles);
      this.fieldFilter.set(field, needleFilter(needles));
    }
    this.prefilter = needleFilter(all);
    this.scanner = new NeedleScanner(minimalNeedles(all));
  }

  private add(signature: Parameters<typeof compileSignature>[0], owner: Owner): void {
    const rule: Rule = { compiled: compileSignature(signature), owner, exclusive: signature.exclusive };
    this.rules.push(rule);
    const list = this.byField.get(rule.compiled.field) ?? [];
    list.push(rule);
    this.byField.set(rule.compiled.field, list);
  }

  product(id: string): Product | undefined {
    return this.catalog.products.get(id);
  }

  /** Every rule that fires on one observation, after specificity, exclusivity and era are applied. */
  match(obs: Observation): ObservationHits {
    if (NETWORK_KINDS.has(obs.kind)) return { hits: this.network.match(obs), setAside: [] };
    const hits: Hit[] = [];
    for (const key in obs.fields) {
      const field = key as FieldName;
      const raw = obs.fields[field];
      if (!raw) continue;
      const filter = this.fieldFilter.get(field);
      if (!filter?.test(raw)) continue;
      const fv = new FieldValue(field, raw);
      for (const rule of this.byField.get(field) ?? []) {
        const gate = rule.compiled.signature.platforms;
        if (gate && !(obs.host.platform && gate.includes(obs.host.platform))) continue;
        const value = testSignature(rule.compiled, fv);
        if (value) hits.push({ rule, value, field, raw });
      }
    }
    if (hits.length === 0) return EMPTY;
    return this.arbitrate(hits, obs);
  }

  /**
   * One record describes one thing: when product rules name different products on the same
   * record (a bundle id says Kaspersky Anti-Virus for Mac, a Wazuh-shortened name says the Windows
   * product), the products with the strongest evidence win and the others are set aside.
   */
  private oneProductPerRecord(hits: Hit[], setAside: SetAside[], platform: string | undefined): Hit[] {
    const owned = hits.filter((h) => h.rule.owner.kind === "product");
    const products = new Set(owned.map((h) => (h.rule.owner as { product: string }).product));
    if (products.size < 2) return hits;
    // a product made for the host's platform beats one that is not, then the stronger evidence wins
    const fits = (h: Hit) =>
      platform !== undefined &&
      (
        this.product((h.rule.owner as { product: string }).product)?.platforms as string[] | undefined
      )?.includes(platform);
    const rank = (h: Hit) =>
      (fits(h) ? 1_000_000 : 0) + WEIGHT_RANK[effectiveWeight(h)] * 100_000 + h.value.specificity;
    const score = new Map<string, number>();
    for (const h of owned) {
      const p = (h.rule.owner as { product: string }).product;
      score.set(p, Math.max(score.get(p) ?? 0, rank(h)));
    }
    const top = Math.max(...score.values());
    const winner = owned.find((h) => rank(h) === top)!;
    return hits.filter((h) => {
      if (h.rule.owner.kind !== "product" || score.get(h.rule.owner.product) === top) return true;
      setAside.push({
        hit: h,
        by: winner.rule.compiled.signature.id,
        reason: `the same record matched ${winner.rule.compiled.signature.id} (${effectiveWeight(winner)}), a stronger identification`,
      });
      return false;
    });
  }

  /**
   * Products that carried Kaspersky technology only for some years: a name seen outside them, or
   * with no install date once the era has ended, is set aside. Authoritative artefacts count anyway.
   */
  private outsideEra(h: Hit, year: number | undefined): string | undefined {
    if (h.rule.owner.kind !== "product" || h.rule.compiled.signature.weight === "authoritative")
      return undefined;
    const era = this.product(h.rule.owner.product)?.era;
    if (!era) return undefined;
    const years = `${era.from}–${era.to ?? "now"}`;
    if (year === undefined) {
      return era.to === undefined
        ? undefined
        : `no install date; the product carried Kaspersky technology only in ${years}`;
    }
    if (year >= era.from && (era.to === undefined || year <= era.to)) return undefined;
    return `installed ${year}, outside the years ${years} in which the product carried Kaspersky technology`;
  }

  private arbitrate(all: Hit[], obs: Observation): ObservationHits {
    const setAside: SetAside[] = [];
    // On one field a product's more specific pattern wins: "Kaspersky Security Center Network
    // Agent" is the agent, not the server and not an unidentified "Kaspersky …" product. Shared
    // rules never push each other out: each is evidence for whatever product the host has.
    const bestProduct = new Map<FieldName, number>();
    for (const h of all) {
      if (h.rule.owner.kind === "product") {
        bestProduct.set(h.field, Math.max(bestProduct.get(h.field) ?? -1, h.value.specificity));
      }
    }
    let hits = all.filter((h) => {
      const best = bestProduct.get(h.field);
      return best === undefined || h.rule.exclusive || h.value.specificity >= best;
    });
    hits = this.oneProductPerRecord(hits, setAside, obs.host.platform);

    const exclusive = hits.find((h) => h.rule.exclusive);
    if (exclusive) {
      const by = exclusive.rule.compiled.signature.id;
      const reason =
        exclusive.rule.owner.kind === "guard"
          ? `${exclusive.rule.owner.name}: ${exclusive.rule.owner.reason}`
          : `claimed by ${by}`;
      for (const h of hits) if (!h.rule.exclusive) setAside.push({ hit: h, by, reason });
      hits = hits.filter((h) => h.rule.exclusive);
    }

    const year = yearOf(obs.fields.installDate);
    hits = hits.filter((h) => {
      const reason = this.outsideEra(h, year);
      if (reason) setAside.push({ hit: h, by: h.rule.compiled.signature.id, reason });
      return !reason;
    });
    return { hits, setAside };
  }
}
