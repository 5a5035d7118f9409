import type { HostRef } from "../model/observation.js";
import type { HostSummary } from "../model/report.js";
import { detach } from "./detach.js";
import { byText } from "./order.js";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIp(value: string): boolean {
  return IPV4.test(value) || (value.includes(":") && /^[0-9a-f:.]+$/i.test(value));
}

/**
 * The list with the value added unless it is there already. A new array of exact length, not
 * `push`: pushing onto an empty array reserves room for seventeen.
 */
function withOnce<T>(list: T[], value: T): T[] {
  if (list.includes(value)) return list;
  return list.length === 0 ? [value] : [...list, value];
}

/** One distinct way a source named a host; many records share one sighting. */
interface Sighting {
  kind: "host" | "asset";
  name?: string;
  fqdn?: string;
  short?: string;
  ip?: string;
  id?: string;
  // Small arrays, not Sets: an estate has hundreds of thousands of sightings, nearly all with one
  // value in each, and an empty Set with its table costs about ten times an array of one.
  platforms: string[];
  sources: string[];
  seenIn: ("inventory" | "network" | "sbom")[];
  key: string;
  lastSource?: string;
  lastCategory?: string;
  records: number;
  parent: Sighting;
}

function find(s: Sighting): Sighting {
  let r = s;
  while (r.parent !== r) r = r.parent;
  let c = s;
  while (c.parent !== r) {
    const next = c.parent;
    c.parent = r;
    c = next;
  }
  return r;
}

function union(a: Sighting, b: Sighting): void {
  const ra = find(a);
  const rb = find(b);
  if (ra !== rb) rb.parent = ra;
}

export interface ResolvedHost {
  summary: Omit<HostSummary, "findings">;
}

/**
 * Hosts as the inputs name them, merged into machines: by device id, by FQDN, a bare name with the
 * one FQDN that shares it, and an address with the one named host that carries it. Ambiguous
 * cases (two FQDNs with one short name, one address on two hosts) stay apart rather than guess.
 */
export class HostRegistry {
  private readonly sightings = new Map<string, Sighting>();
  private resolved: Map<Sighting, string> | undefined;

  /** The common case (a host known only by name) keys on the name itself: no string is built per record. */
  private static key(ref: HostRef): string {
    const name = ref.name ?? "";
    if (ref.ip === undefined && ref.id === undefined && ref.kind !== "asset" && !name.includes("\u0000"))
      return name;
    return `\u0000${ref.kind ?? "host"}\u0000${name}\u0000${ref.ip ?? ""}\u0000${ref.id ?? ""}`;
  }

  /**
   * The hot path for a host known only by its name (most inventory rows): no HostRef, no key to build.
   * Same bookkeeping as `touch`.
   */
  touchName(
    name: string,
    source: string,
    category: "inventory" | "network" | "sbom",
    platform?: string,
  ): void {
    const s = this.sightings.get(name);
    if (s === undefined || name.includes("\u0000")) {
      this.touch(platform ? { name, platform: platform as HostRef["platform"] } : { name }, source, category);
      return;
    }
    s.records++;
    if (s.lastSource !== source) {
      s.sources = withOnce(s.sources, source);
      s.lastSource = source;
    }
    if (s.lastCategory !== category) {
      s.seenIn = withOnce(s.seenIn, category);
      s.lastCategory = category;
    }
    if (platform) s.platforms = withOnce(s.platforms, platform);
  }

  /** Counts one record for the host; cheap enough to call for every row of a large export. */
  touch(
    ref: HostRef,
    source: string,
    category: "inventory" | "network" | "sbom" = "inventory",
    records = 1,
  ): string {
    let key = HostRegistry.key(ref);
    let s = this.sightings.get(key);
    if (!s) {
      s = this.create(ref);
      key = detach(key);
      s.key = key;
      this.sightings.set(key, s);
      this.resolved = undefined;
    }
    s.records += records;
    // the same source and category repeat record after record: skip the set operations then
    if (s.lastSource !== source) {
      s.sources = withOnce(s.sources, source);
      s.lastSource = source;
    }
    if (s.lastCategory !== category) {
      s.seenIn = withOnce(s.seenIn, category);
      s.lastCategory = category;
    }
    if (ref.platform) s.platforms = withOnce(s.platforms, ref.platform);
    // the stored key, not the caller's: the caller's may be a slice of a large input chunk
    return s.key;
  }

  private create(ref: HostRef): Sighting {
    const name = ref.name ? detach(ref.name.trim().replace(/\.$/, "")) || undefined : undefined;
    const lower = name?.toLowerCase();
    let fqdn: string | undefined;
    let short: string | undefined;
    let ip = ref.ip ? detach(ref.ip.trim().toLowerCase()) || undefined : undefined;
    if (lower && isIp(lower)) ip ??= lower;
    else if (lower) {
      short = lower.split(".")[0];
      if (lower.includes(".")) fqdn = lower;
    }
    // every field set here, in one literal, so all sightings share one compact object shape
    const s = {
      kind: ref.kind ?? "host",
      name,
      fqdn,
      short,
      ip,
      id: ref.id ? detach(ref.id.trim().toLowerCase()) || undefined : undefined,
      platforms: [],
      sources: [],
      seenIn: [],
      key: "",
      lastSource: undefined,
      lastCategory: undefined,
      records: 0,
      parent: undefined,
    } as unknown as Sighting;
    s.parent = s;
    return s;
  }

  private merge(): void {
    const all = [...this.sightings.values()];
    for (const s of all) s.parent = s;
    const byKey = new Map<string, Sighting>();
    const link = (key: string | undefined, s: Sighting) => {
      if (!key) return;
      const prior = byKey.get(key);
      if (prior) union(prior, s);
      else byKey.set(key, s);
    };
    for (const s of all) {
      link(s.id && `${s.kind}:id:${s.id}`, s);
      link(s.fqdn && `${s.kind}:fqdn:${s.fqdn}`, s);
      if (s.kind === "host" && !s.short) link(s.ip && `ip:${s.ip}`, s);
    }
    // A bare short name joins the FQDN that shares it, when only one does.
    const fqdnsByShort = new Map<string, Set<string>>();
    for (const s of all) {
      if (s.kind === "host" && s.fqdn && s.short) {
        const set = fqdnsByShort.get(s.short) ?? new Set();
        set.add(s.fqdn);
        fqdnsByShort.set(s.short, set);
      }
    }
    const shortOnly = new Map<string, Sighting>();
    for (const s of all) {
      if (s.kind !== "host" || !s.short) continue;
      const fqdns = fqdnsByShort.get(s.short);
      if (!s.fqdn) {
        const prior = shortOnly.get(s.short);
        if (prior) union(prior, s);
        else shortOnly.set(s.short, s);
        if (fqdns?.size === 1) union(s, byKey.get(`host:fqdn:${[...fqdns][0]}`)!);
      }
    }
    // An address seen alone (network logs) joins the one named host an inventory gave it.
    const namedByIp = new Map<string, Set<Sighting>>();
    for (const s of all) {
      if (s.kind === "host" && s.ip && s.short) {
        const set = namedByIp.get(s.ip) ?? new Set();
        set.add(find(s));
        namedByIp.set(s.ip, set);
      }
    }
    for (const s of all) {
      if (s.kind !== "host" || s.short || !s.ip) continue;
      const named = namedByIp.get(s.ip);
      if (named?.size === 1) union([...named][0]!, s);
    }
    this.resolved = new Map();
    const groups = new Map<Sighting, Sighting[]>();
    for (const s of all) {
      const r = find(s);
      const g = groups.get(r) ?? [];
      g.push(s);
      groups.set(r, g);
    }
    const taken = new Set<string>();
    for (const members of groups.values()) {
      let id = HostRegistry.canonicalId(members);
      for (let n = 2; taken.has(id); n++) id = `${HostRegistry.canonicalId(members)}#${n}`;
      taken.add(id);
      for (const m of members) this.resolved.set(m, id);
    }
  }

  private static canonicalId(members: Sighting[]): string {
    /** The smallest value of a field over the members (code-unit order). */
    const pick = (f: (s: Sighting) => string | undefined): string | undefined => {
      let best: string | undefined;
      for (const m of members) {
        const v = f(m);
        if (v && (best === undefined || v < best)) best = v;
      }
      return best;
    };
    const kind = members[0]!.kind;
    if (kind === "asset") return `asset:${pick((s) => s.name?.toLowerCase()) ?? pick((s) => s.id)}`;
    return pick((s) => s.fqdn) ?? pick((s) => s.short) ?? pick((s) => s.ip) ?? `id:${pick((s) => s.id)}`;
  }

  /** The merged host id for a sighting key returned by `touch`. */
  hostId(key: string): string {
    if (!this.resolved) this.merge();
    const s = this.sightings.get(key);
    if (!s) throw new Error(`unknown host sighting ${key}`);
    return this.resolved!.get(s)!;
  }

  /** One summary per merged host, ordered by id; `findings` is left at 0 for the caller to set. */
  hosts(): HostSummary[] {
    if (!this.resolved) this.merge();
    const byId = new Map<string, Sighting | Sighting[]>();
    for (const [s, id] of this.resolved!) {
      const prior = byId.get(id);
      if (prior === undefined) byId.set(id, s);
      else if (Array.isArray(prior)) prior.push(s);
      else byId.set(id, [prior, s]);
    }
    const sorted = (values: (string | undefined)[]): string[] =>
      [...new Set(values.filter((v): v is string => !!v))].sort(byText);
    const out: HostSummary[] = [];
    for (const [id, group] of byId) {
      // most hosts are one sighting with at most one value per list: no sets, spreads or sorts
      if (!Array.isArray(group)) {
        const one = (v: string | undefined) => (v ? [v] : []);
        const list = <T extends string>(v: T[]) => (v.length <= 1 ? v : (sorted(v) as T[]));
        out.push({
          id,
          kind: group.kind,
          names: one(group.name),
          ips: one(group.ip),
          ids: one(group.id),
          platforms: list(group.platforms),
          sources: list(group.sources),
          seenIn: list(group.seenIn),
          records: group.records,
          findings: 0,
        });
        continue;
      }
      out.push({
        id,
        kind: group[0]!.kind,
        names: sorted(group.map((m) => m.name)),
        ips: sorted(group.map((m) => m.ip)),
        ids: sorted(group.map((m) => m.id)),
        platforms: sorted(group.flatMap((m) => m.platforms)),
        sources: sorted(group.flatMap((m) => m.sources)),
        seenIn: sorted(group.flatMap((m) => m.seenIn)) as HostSummary["seenIn"],
        records: group.reduce((n, m) => n + m.records, 0),
        findings: 0,
      });
    }
    return out.sort((a, b) => byText(a.id, b.id));
  }
}
