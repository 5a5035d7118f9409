import type { CompiledSignature } from "../catalog/compile.js";
import type { Catalog } from "../catalog/load.js";
import { normalizeDomain, words } from "../catalog/normalize.js";
import type { NetworkCatalog, NetworkSignal, Signature } from "../model/catalog.js";
import type { FieldName, Observation } from "../model/observation.js";
import type { Hit, Rule } from "./matcher.js";
import { isPrivateAddress } from "./network-address.js";
import { type DomainEntry, DomainIndex } from "./network-index.js";

export const NETWORK_KINDS: ReadonlySet<string> = new Set(["dns", "tls", "flow", "http"]);

/** The default product of traffic that names Kaspersky but no product. */
export const UNIDENTIFIED = "kaspersky-unidentified";

/** Which end of a connection the evidence belongs to. */
export type Subject = "client" | "responder" | "originator";

/** A catalogue network row compiled into the shape the rest of the matcher knows (a Rule). */
export interface NetworkRule extends Rule {
  signal: NetworkSignal;
  subject: Subject;
  /** Web visits never make a finding more than possible. */
  kind: "host" | "interception" | "ksc";
}

export interface NetworkHit extends Hit {
  rule: NetworkRule;
  /** The other end, for KSC ports: who talked to the reported host. */
  peer?: string;
  /** The public resolver a DNS query went to directly (the product's DNS fallback). */
  resolver?: string;
}

/** What importers may ask before building an observation: cheap, sound tests on raw text. */
export interface NetworkFilter {
  /** Fails only for text that cannot hold a name or issuer any rule matches. */
  readonly text: RegExp;
  /** A name (raw, any case, trailing dot allowed) that ends in a rule name on a label boundary. */
  mayMatchName(name: string): boolean;
  /** A KSC port (`tcp`/`udp`, any case) the catalogue lists. */
  kscPort(proto: string, port: number): boolean;
}

const DEFAULT_STRONG: ReadonlySet<NetworkSignal> = new Set(["update", "ksn", "activation", "interception"]);

function rule(
  row: { id: string; sources: string[]; confidence: "normal" | "low"; note?: string | undefined },
  field: FieldName,
  match: Signature["match"],
  values: string[],
  product: string,
  extra: Pick<NetworkRule, "signal" | "subject" | "kind">,
  weight: "strong" | "weak",
): NetworkRule {
  const signature: Signature = {
    id: row.id,
    on: field,
    match,
    values,
    weight,
    exclusive: false,
    confidence: row.confidence,
    sources: row.sources,
    ...(row.note !== undefined && { note: row.note }),
  };
  const compiled: CompiledSignature = { signature, field, values: [], unless: [], needles: [] };
  return { compiled, owner: { kind: "product", product }, exclusive: false, ...extra };
}

/** Literals one of which any text holding a rule name must contain: the longest label of each name. */
function needles(values: Iterable<string>): string[] {
  const all = [...new Set(values)].filter((v) => v.length >= 3).sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const n of all) if (!kept.some((k) => n.includes(k))) kept.push(n);
  return kept;
}

/**
 * One label per rule name that any matching text must contain: the label most rule names share
 * (`kaspersky`, not `telemetry` of `telemetry.kaspersky.com`, which ordinary logs are full of),
 * leaving out the top-level label and labels too short to be selective.
 */
function hostNeedles(hosts: readonly string[]): string[] {
  const labelsOf = (h: string) =>
    h
      .split(".")
      .slice(0, -1)
      .filter((l) => l.length >= 4);
  const count = new Map<string, number>();
  for (const h of hosts) for (const l of new Set(labelsOf(h))) count.set(l, (count.get(l) ?? 0) + 1);
  return hosts.map((h) => {
    const labels = labelsOf(h);
    if (labels.length === 0) return h;
    return labels.reduce((a, b) => {
      const d = (count.get(b) ?? 0) - (count.get(a) ?? 0);
      return d > 0 || (d === 0 && b.length > a.length) ? b : a;
    });
  });
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}

/**
 * The network half of the catalogue, compiled: host rules in a label index, interception issuers
 * as word runs, KSC ports by protocol and number, the public resolvers of the DNS fallback.
 */
export class NetworkMatcher implements NetworkFilter {
  readonly rules: NetworkRule[] = [];
  readonly index: DomainIndex;
  readonly cutoff: number;
  readonly cutoffSignals: ReadonlySet<string>;
  readonly text: RegExp;
  private readonly hostRules: NetworkRule[] = [];
  private readonly issuers: { framed: string; value: string; rule: NetworkRule }[] = [];
  private readonly ports = new Map<string, NetworkRule>();
  private readonly resolvers: ReadonlySet<string>;

  constructor(readonly network: NetworkCatalog) {
    const entries: DomainEntry[] = [];
    for (const row of network.hosts) {
      const weight = row.weight ?? (DEFAULT_STRONG.has(row.signal) ? "strong" : "weak");
      const r = rule(
        row,
        "domain",
        row.match === "exact" ? "equals" : "suffix",
        row.hosts,
        row.product ?? UNIDENTIFIED,
        { signal: row.signal, subject: "client", kind: "host" },
        weight,
      );
      const index = this.hostRules.push(r) - 1;
      this.rules.push(r);
      for (const host of row.hosts) entries.push({ host, mode: row.match, rule: index });
    }
    this.index = new DomainIndex(entries);
    for (const row of network.interception) {
      const r = rule(
        row,
        "issuer",
        "words",
        row.issuers,
        row.product ?? UNIDENTIFIED,
        {
          signal: "interception",
          subject: "client",
          kind: "interception",
        },
        "strong",
      );
      this.rules.push(r);
      for (const value of row.issuers)
        this.issuers.push({ framed: ` ${words(value).join(" ")} `, value, rule: r });
    }
    for (const row of network.ksc) {
      const value = `${row.proto}/${row.port}`;
      const r = rule(
        row,
        "dstPort",
        "equals",
        [value],
        row.product,
        {
          signal: "management",
          subject: row.report,
          kind: "ksc",
        },
        "weak",
      );
      this.rules.push(r);
      this.ports.set(value, r);
    }
    this.resolvers = new Set(network.resolverFallback?.resolvers ?? []);
    this.cutoff = Date.parse(network.cutoff.at);
    this.cutoffSignals = new Set(network.cutoff.signals);
    const literal = needles([
      ...hostNeedles(network.hosts.flatMap((r) => r.hosts)),
      // the issuer's first word ("Kaspersky"): any word of a words-rule is sound, the first is the rarest here
      ...network.interception.flatMap((r) => r.issuers.map((i) => words(i)[0] ?? i)),
    ]);
    this.text = literal.length > 0 ? new RegExp(literal.map(escapeRegex).join("|"), "i") : /(?!)/;
  }

  static fromCatalog(catalog: Catalog): NetworkMatcher {
    return new NetworkMatcher(catalog.network);
  }

  /** The entries a worker thread needs to rebuild the index. */
  get domainEntries(): readonly DomainEntry[] {
    return this.index.entries;
  }

  hostRule(index: number): NetworkRule {
    return this.hostRules[index]!;
  }

  mayMatchName(name: string): boolean {
    return this.index.mayMatchString(name);
  }

  kscPort(proto: string, port: number): boolean {
    return this.ports.has(`${proto.toLowerCase()}/${port}`);
  }

  isFallbackResolver(ip: string): boolean {
    return this.resolvers.has(ip.trim().toLowerCase());
  }

  /** The most specific host rule for a raw name, or undefined. */
  matchDomain(raw: string): { rule: NetworkRule; host: string } | undefined {
    const name = normalizeDomain(raw);
    if (name.length === 0 || name.length > 253) return undefined;
    const m = this.index.lookup(name);
    return m ? { rule: this.hostRules[m.rule]!, host: m.host } : undefined;
  }

  matchIssuer(raw: string): { rule: NetworkRule; value: string } | undefined {
    const framed = ` ${words(raw).join(" ")} `;
    const hit = this.issuers.find((i) => framed.includes(i.framed));
    return hit ? { rule: hit.rule, value: hit.value } : undefined;
  }

  /** Every rule that fires on one network observation. */
  match(obs: Observation): NetworkHit[] {
    const hits: NetworkHit[] = [];
    const f = obs.fields;
    if (f.domain) {
      const m = this.matchDomain(f.domain);
      if (m) {
        const hit: NetworkHit = {
          rule: m.rule,
          value: { value: m.host, test: () => true, specificity: m.host.length },
          field: "domain",
          raw: f.domain,
        };
        if (f.resolver && this.isFallbackResolver(f.resolver)) hit.resolver = f.resolver.trim().toLowerCase();
        hits.push(hit);
      }
    }
    if (f.issuer) {
      const m = this.matchIssuer(f.issuer);
      if (m)
        hits.push({
          rule: m.rule,
          value: { value: m.value, test: () => true, specificity: m.value.length },
          field: "issuer",
          raw: f.issuer,
        });
    }
    if (f.dstPort && f.proto && f.dstIp && obs.host.ip) {
      const key = `${f.proto.trim().toLowerCase()}/${f.dstPort.trim()}`;
      const r = this.ports.get(key);
      if (r && isPrivateAddress(obs.host.ip) && isPrivateAddress(f.dstIp)) {
        const src = obs.host.ip;
        const dst = f.dstIp.trim();
        hits.push({
          rule: r,
          value: { value: key, test: () => true, specificity: key.length },
          field: "dstPort",
          raw: `${src} → ${dst} ${key}`,
          peer: r.subject === "responder" ? src : dst,
        });
      }
    }
    return hits;
  }
}
