import { isIp } from "../match/hosts.js";
import type { HostSummary } from "../model/report.js";

/**
 * How a host keeps its identity across inputs and time. Every way a source named it becomes an
 * alias (`id:`, `fqdn:`, `short:`, `ip:`, `asset:`); the next input's hosts are matched against
 * them with the same rules the scanner merges by within one input: device id, then FQDN, then a
 * bare name with the one host that shares it, then an address only for hosts a source knew by
 * address alone (network logs). Ambiguity makes a new host rather than a wrong merge.
 */
export interface HostAliases {
  ids: string[];
  fqdns: string[];
  shorts: string[];
  ips: string[];
  assets: string[];
}

export type ScannedHost = Pick<HostSummary, "id" | "kind" | "names" | "ips" | "ids">;

function clean(v: string): string {
  return v.trim().replace(/\.$/, "").toLowerCase();
}

export function aliasesOf(h: ScannedHost): HostAliases {
  const out: HostAliases = { ids: [], fqdns: [], shorts: [], ips: [], assets: [] };
  if (h.kind === "asset") {
    for (const n of h.names) out.assets.push(`asset:${clean(n)}`);
    for (const id of h.ids) out.assets.push(`asset:id:${clean(id)}`);
    if (out.assets.length === 0) out.assets.push(`asset:${clean(h.id)}`);
    return dedupe(out);
  }
  for (const id of h.ids) out.ids.push(`id:${clean(id)}`);
  for (const ip of h.ips) out.ips.push(`ip:${clean(ip)}`);
  for (const raw of h.names) {
    const n = clean(raw);
    if (!n) continue;
    if (isIp(n)) out.ips.push(`ip:${n}`);
    else {
      out.shorts.push(`short:${n.split(".")[0]}`);
      if (n.includes(".")) out.fqdns.push(`fqdn:${n}`);
    }
  }
  return dedupe(out);
}

function dedupe(a: HostAliases): HostAliases {
  const u = (xs: string[]) => [...new Set(xs)].sort();
  return { ids: u(a.ids), fqdns: u(a.fqdns), shorts: u(a.shorts), ips: u(a.ips), assets: u(a.assets) };
}

export function allAliases(a: HostAliases): string[] {
  return [...a.ids, ...a.fqdns, ...a.shorts, ...a.ips, ...a.assets];
}

/** A stored host an alias points to, and whether that host is known by a fully qualified name. */
export interface KnownHost {
  hostId: number;
  hasFqdn: boolean;
}

export type AliasIndex = ReadonlyMap<string, readonly KnownHost[]>;

function candidates(aliases: readonly string[], index: AliasIndex): Map<number, KnownHost> {
  const out = new Map<number, KnownHost>();
  for (const a of aliases) for (const k of index.get(a) ?? []) out.set(k.hostId, k);
  return out;
}

function single(found: Map<number, KnownHost>): number | undefined {
  return found.size === 1 ? [...found.keys()][0] : undefined;
}

/** The stored host a scanned host is, or undefined for a new one. */
export function matchHost(aliases: HostAliases, index: AliasIndex): number | undefined {
  if (aliases.assets.length > 0) return single(candidates(aliases.assets, index));
  const byId = single(candidates(aliases.ids, index));
  if (byId !== undefined) return byId;
  const byFqdn = single(candidates(aliases.fqdns, index));
  if (byFqdn !== undefined) return byFqdn;
  if (aliases.shorts.length > 0) {
    const found = [...candidates(aliases.shorts, index).values()];
    const bare = found.filter((k) => !k.hasFqdn);
    if (aliases.fqdns.length > 0) {
      // an FQDN joins a bare name only while no other FQDN claims that short name
      if (bare.length === 1 && found.length === 1) return bare[0]!.hostId;
    } else if (found.length === 1) {
      return found[0]!.hostId;
    } else if (bare.length === 1) {
      return bare[0]!.hostId;
    }
    return undefined;
  }
  if (aliases.ids.length === 0 && aliases.ips.length > 0) return single(candidates(aliases.ips, index));
  return undefined;
}

/** A free key for a new host: the scanner's id, suffixed when another host already holds it. */
export function freeKey(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}#${n}`)) return `${wanted}#${n}`;
}
