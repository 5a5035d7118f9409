import type { Catalog } from "../../catalog/load.js";
import { NORMALIZERS, words } from "../../catalog/normalize.js";
import { byText } from "../../match/order.js";
import type { MatchMode, NetworkSignal, Product, Signature, Weight } from "../../model/catalog.js";
import type { FieldName } from "../../model/observation.js";

/**
 * What an export may contain, read once from the catalogue: every inventory signature with the
 * product it names, its confidence and the rows that must NOT fire with it (guards, not-covered
 * products), and the network indicators. Exporters only translate this; none reads YAML itself.
 */

/** `covered`: banned technology; `exempt`: Kaspersky but outside the ban; `indicator`: a trace of it. */
export type Tier = "covered" | "exempt" | "indicator";

/** A signature whose hit on the same record silences a rule: a guard or a not-covered product. */
export interface Exclusion {
  id: string;
  field: FieldName;
  match: MatchMode;
  values: string[];
  /** Who the excluded record belongs to (Pango VPN, Kaspresso …). */
  owner: string;
}

export interface InventoryRule {
  id: string;
  field: FieldName;
  match: MatchMode;
  values: string[];
  /** Normalised contains-tests: when one is in the same field the rule does not fire. */
  unless: string[];
  weight: Weight;
  tier: Tier;
  /** Low-confidence row: unattributed, weakly sourced or capped at `possible`. */
  low: boolean;
  lowReason?: string;
  /** Product the hit is reported as (a shared rule's fallback product). */
  productId: string;
  productName: string;
  /** Shared across products (vendor-wide): yields to a product rule naming an exempt product. */
  shared: boolean;
  sources: string[];
  /** Era bound the export cannot check (install dates), said in the rule's description. */
  era?: string;
  exclusions: Exclusion[];
}

export interface HostIndicator {
  id: string;
  signal: NetworkSignal;
  match: "exact" | "suffix";
  hosts: string[];
  strong: boolean;
  low: boolean;
  /** A public web site: never an install indicator, never blocked. */
  informational: boolean;
  productId?: string;
  sources: string[];
  note?: string;
}

export interface IssuerIndicator {
  id: string;
  issuers: string[];
  low: boolean;
  productId?: string;
  sources: string[];
}

export interface PortIndicator {
  id: string;
  proto: "tcp" | "udp";
  port: number;
  report: "responder" | "originator";
  role: string;
  productId: string;
  low: boolean;
  sources: string[];
}

export interface ResolverIndicator {
  id: string;
  resolvers: string[];
  low: boolean;
  sources: string[];
}

export interface ExportPlan {
  catalog: { name: string; version: string; released: string; digest: string };
  includeLow: boolean;
  /** Manifest source table: id → reference text (URLs where the fact sheet has them). */
  sourceText: Record<string, string>;
  inventory: InventoryRule[];
  hosts: HostIndicator[];
  issuers: IssuerIndicator[];
  ports: PortIndicator[];
  resolvers?: ResolverIndicator;
  /** Ids of low-confidence rows left out because `includeLow` is off. */
  leftOut: string[];
}

export interface PlanOptions {
  includeLow: boolean;
  /** Keep only host indicators of these signals (all when undefined). */
  signals?: readonly NetworkSignal[];
}

const STRONG_BY_DEFAULT = new Set<NetworkSignal>(["update", "ksn", "activation", "interception"]);
const WEIGHT_ORDER: Record<Weight, number> = { authoritative: 0, strong: 1, weak: 2 };

function tierOf(p: Product): Tier | undefined {
  if (p.scope === "not-covered") return undefined;
  if (p.scope === "exempt") return "exempt";
  return p.kind === "indicator" ? "indicator" : "covered";
}

function lowReasonOf(sig: Signature, product: Product | undefined): string | undefined {
  if (sig.confidence === "low") return "unattributed or weakly sourced signature";
  if (product?.confidence === "low") return "weakly sourced product";
  if (product?.maxConfidence === "possible") return "product findings are capped at possible";
  return undefined;
}

/** The words, literal or whole value a pattern must start with, when it is anchored at the start. */
interface Head {
  text: string;
  /** The head is the whole value (no more may follow) or ends at a word boundary. */
  closed: boolean;
}

const TEXT_FIELDS = new Set<FieldName>(["name", "publisher", "text", "certificate", "issuer"]);

function headOf(field: FieldName, mode: MatchMode, value: string): Head | undefined {
  const norm = mode === "regex" ? value : NORMALIZERS[field](value);
  switch (mode) {
    case "equals":
      return { text: norm, closed: true };
    case "prefix":
      return { text: norm, closed: false };
    case "starts-with-words":
      return { text: words(value).join(" "), closed: true };
    case "glob": {
      const star = norm.indexOf("*");
      return star < 0 ? { text: norm, closed: true } : { text: norm.slice(0, star), closed: false };
    }
    default:
      return undefined;
  }
}

/** Two anchored heads can be the start of one value: first words (text) or literals (ids) agree. */
function headsMeet(field: FieldName, a: Head, b: Head): boolean {
  if (TEXT_FIELDS.has(field)) {
    const wa = words(a.text)[0] ?? "";
    const wb = words(b.text)[0] ?? "";
    // a first word is whole when more words follow it or the head ends at a word boundary
    const wholeA = a.closed || words(a.text).length > 1;
    const wholeB = b.closed || words(b.text).length > 1;
    if (wholeA && wholeB) return wa === wb;
    if (wholeA) return wa.startsWith(wb);
    if (wholeB) return wb.startsWith(wa);
    return wa.startsWith(wb) || wb.startsWith(wa);
  }
  if (a.closed && b.closed) return a.text === b.text;
  if (a.closed) return a.text.startsWith(b.text);
  if (b.closed) return b.text.startsWith(a.text);
  return a.text.startsWith(b.text) || b.text.startsWith(a.text);
}

/**
 * Whether one value could match both signatures. Only start-anchored patterns are compared (their
 * first words or literals must agree); anything else may overlap. Sound: a `false` is certain.
 */
export function mayOverlap(
  a: { field: FieldName; match: MatchMode; values: string[] },
  b: { field: FieldName; match: MatchMode; values: string[] },
): boolean {
  if (a.field !== b.field) return true;
  for (const va of a.values) {
    const ha = headOf(a.field, a.match, va);
    for (const vb of b.values) {
      const hb = headOf(b.field, b.match, vb);
      if (!ha || !hb || headsMeet(a.field, ha, hb)) return true;
    }
  }
  return false;
}

function exclusionsFor(
  sig: Signature,
  shared: boolean,
  candidates: { exclusion: Exclusion; forSharedOnly: boolean }[],
): Exclusion[] {
  return (
    candidates
      // a guard is applied on its own field: the rule and the guard must be able to see one value
      .filter(
        (c) =>
          (shared || !c.forSharedOnly) &&
          c.exclusion.field === sig.on &&
          mayOverlap({ field: sig.on, match: sig.match, values: sig.values }, c.exclusion),
      )
      .map((c) => c.exclusion)
  );
}

function exclusionCandidates(catalog: Catalog): { exclusion: Exclusion; forSharedOnly: boolean }[] {
  const out: { exclusion: Exclusion; forSharedOnly: boolean }[] = [];
  const of = (s: Signature | Omit<Signature, "exclusive" | "products" | "fallback">, owner: string) => ({
    id: s.id,
    field: s.on,
    match: s.match,
    values: s.values,
    owner,
  });
  for (const g of catalog.guards)
    for (const s of g.signatures) out.push({ exclusion: of(s, g.name), forSharedOnly: false });
  for (const p of catalog.products.values()) {
    const tier = tierOf(p);
    for (const s of p.signatures) {
      // not-covered products silence every rule; an exempt or indicator product wins its record
      // over a vendor-wide rule, so shared rules must not claim it either
      if (tier === undefined) out.push({ exclusion: of(s, p.name), forSharedOnly: false });
      else if (tier !== "covered") out.push({ exclusion: of(s, p.name), forSharedOnly: true });
    }
  }
  return out.sort((a, b) => byText(a.exclusion.id, b.exclusion.id));
}

function eraText(p: Product): string | undefined {
  if (!p.era) return undefined;
  return p.era.to ? `${p.era.from}–${p.era.to}` : `from ${p.era.from}`;
}

function inventoryRules(catalog: Catalog): InventoryRule[] {
  const candidates = exclusionCandidates(catalog);
  const rules: InventoryRule[] = [];
  const push = (sig: Signature, product: Product | undefined, tier: Tier, shared: boolean) => {
    const lowReason = lowReasonOf(sig, product);
    const era = product && eraText(product);
    rules.push({
      id: sig.id,
      field: sig.on,
      match: sig.match,
      values: [...sig.values],
      unless: (sig.unless ?? []).map((u) => NORMALIZERS[sig.on](u)),
      weight: sig.weight,
      tier,
      low: lowReason !== undefined,
      ...(lowReason && { lowReason }),
      productId: product?.id ?? "kaspersky-unidentified",
      productName: product?.name ?? "Kaspersky product",
      shared,
      sources: [...sig.sources],
      ...(era && { era }),
      exclusions: exclusionsFor(sig, shared, candidates),
    });
  };
  for (const p of catalog.products.values()) {
    const tier = tierOf(p);
    if (tier === undefined) continue;
    for (const s of p.signatures) push(s, p, tier, false);
  }
  for (const s of catalog.shared) {
    const fallback = s.fallback ? catalog.products.get(s.fallback) : undefined;
    push(s, fallback, fallback ? (tierOf(fallback) ?? "covered") : "covered", true);
  }
  return rules.sort(compareRules);
}

/** Product rules before vendor-wide ones, authoritative before weak: the first that fires names the row. */
export function compareRules(a: InventoryRule, b: InventoryRule): number {
  return (
    Number(a.shared) - Number(b.shared) ||
    WEIGHT_ORDER[a.weight] - WEIGHT_ORDER[b.weight] ||
    byText(a.id, b.id)
  );
}

export function buildPlan(catalog: Catalog, options: PlanOptions): ExportPlan {
  const leftOut: string[] = [];
  const keep = <T extends { id: string; low: boolean }>(rows: T[]): T[] =>
    rows.filter((r) => {
      if (!r.low || options.includeLow) return true;
      leftOut.push(r.id);
      return false;
    });
  const net = catalog.network;
  const hosts = net.hosts
    .filter((h) => !options.signals || options.signals.includes(h.signal))
    .map(
      (h): HostIndicator => ({
        id: h.id,
        signal: h.signal,
        match: h.match,
        hosts: [...h.hosts].sort(),
        strong: (h.weight ?? (STRONG_BY_DEFAULT.has(h.signal) ? "strong" : "weak")) === "strong",
        low: h.confidence === "low",
        informational: h.signal === "web-visit",
        ...(h.product && { productId: h.product }),
        sources: [...h.sources],
        ...(h.note && { note: h.note.trim() }),
      }),
    )
    .sort((a, b) => byText(a.id, b.id));
  const fallback = net.resolverFallback;
  const resolvers = fallback && keep([{ ...fallback, low: fallback.confidence === "low" }])[0];
  return {
    catalog: {
      name: catalog.manifest.name,
      version: catalog.manifest.version,
      released: catalog.manifest.released,
      digest: catalog.digest,
    },
    includeLow: options.includeLow,
    sourceText: { ...catalog.manifest.sources },
    inventory: keep(inventoryRules(catalog)),
    hosts: keep(hosts),
    issuers: keep(
      net.interception
        .map((i) => ({
          id: i.id,
          issuers: [...i.issuers],
          low: i.confidence === "low",
          ...(i.product && { productId: i.product }),
          sources: [...i.sources],
        }))
        .sort((a, b) => byText(a.id, b.id)),
    ),
    ports: keep(
      net.ksc
        .map((k) => ({
          id: k.id,
          proto: k.proto,
          port: k.port,
          report: k.report,
          role: k.role,
          productId: k.product,
          low: k.confidence === "low",
          sources: [...k.sources],
        }))
        .sort((a, b) => a.port - b.port || byText(a.id, b.id)),
    ),
    ...(resolvers && {
      resolvers: {
        id: resolvers.id,
        resolvers: [...resolvers.resolvers],
        low: resolvers.low,
        sources: [...resolvers.sources],
      },
    }),
    leftOut: leftOut.sort(),
  };
}
