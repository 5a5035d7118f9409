import { describe, expect, it } from "vitest";
import { catalogCopy } from "../../../test/export-harness.js";
import { loadCatalog } from "../../catalog/load.js";
import { blocklist, covers } from "./blocklist.js";
import { dnsmasq } from "./dnsmasq.js";
import { hostsFile } from "./hosts-file.js";
import { buildPlan, type ExportPlan } from "./plan.js";
import { rpz, rpzSerial } from "./rpz.js";
import { unbound } from "./unbound.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });

const LOOKALIKES = [
  "kaspersky.com.evil.example",
  "upd.kaspersky.com.evil.example",
  "notkaspersky.com",
  "kaspersky-labs.co",
  "notupd.kaspersky.com",
  "xdnl-00.geo.kaspersky.com",
  "geoksn.kaspersky.com.example",
];

// ---- what each engine would answer, read back from the generated text -------------------------

/** RPZ: an exact owner name first, then the longest `*.` wildcard; `CNAME .` blocks. */
function rpzBlocks(zone: string): (name: string) => boolean {
  const rec = new Map<string, string>();
  for (const line of zone.split("\n")) {
    const m = /^(\S+) CNAME (\S+)$/.exec(line);
    if (m) rec.set(m[1]!, m[2]!);
  }
  return (name) => {
    const exact = rec.get(name);
    if (exact) return exact === ".";
    const labels = name.split(".");
    for (let i = 1; i < labels.length; i++) {
      const wild = rec.get(`*.${labels.slice(i).join(".")}`);
      if (wild) return wild === ".";
    }
    return false;
  };
}

/** dnsmasq: the longest domain among address= and server= lines decides. */
function dnsmasqBlocks(conf: string): (name: string) => boolean {
  const rules = new Map<string, "block" | "pass">();
  for (const line of conf.split("\n")) {
    const a = /^address=\/([^/]+)\/#$/.exec(line);
    const s = /^server=\/([^/]+)\/#$/.exec(line);
    if (a) rules.set(a[1]!, "block");
    if (s) rules.set(s[1]!, "pass");
  }
  return (name) => {
    const labels = name.split(".");
    for (let i = 0; i < labels.length; i++) {
      const r = rules.get(labels.slice(i).join("."));
      if (r) return r === "block";
    }
    return false;
  };
}

/** Unbound: the closest local zone; a local-data name makes a transparent zone of its own. */
function unboundBlocks(conf: string): (name: string) => boolean {
  const zones = new Map<string, string>();
  const data = new Set<string>();
  for (const line of conf.split("\n")) {
    const z = /^\s+local-zone: "([^"]+)\." (\S+)$/.exec(line);
    const d = /^\s+local-data: "([^"]+)\. (A|AAAA) (\S+)"$/.exec(line);
    if (z) zones.set(z[1]!, z[2]!);
    if (d) {
      data.add(d[1]!);
      if (!zones.has(d[1]!)) zones.set(d[1]!, "transparent");
    }
  }
  return (name) => {
    const labels = name.split(".");
    for (let i = 0; i < labels.length; i++) {
      const zone = labels.slice(i).join(".");
      const type = zones.get(zone);
      if (!type) continue;
      if (type === "always_nxdomain") return true;
      return data.has(name);
    }
    return false;
  };
}

function hostsBlocks(text: string): (name: string) => boolean {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^(0\.0\.0\.0|::) (\S+)$/.exec(line);
    if (m) names.add(m[2]!);
  }
  return (name) => names.has(name);
}

const FORMATS = [
  { exporter: rpz, read: rpzBlocks, suffixes: true },
  { exporter: dnsmasq, read: dnsmasqBlocks, suffixes: true },
  { exporter: unbound, read: unboundBlocks, suffixes: true },
  { exporter: hostsFile, read: hostsBlocks, suffixes: false },
];

function checkSemantics(p: ExportPlan, f: (typeof FORMATS)[number], wideExact: boolean) {
  const blocked = f.read(f.exporter.render(p));
  const list = blocklist(p);
  for (const e of list.block) {
    expect(blocked(e.host), `${f.exporter.id} blocks ${e.host}`).toBe(true);
    const child = `s07.${e.host}`;
    const childOwned = p.hosts.some(
      (h) =>
        h.informational &&
        h.hosts.some((x) => covers({ host: x, match: h.match }, child)) &&
        h.hosts.some((x) => x.length > e.host.length),
    );
    if (e.match === "suffix" && f.suffixes && !childOwned)
      expect(blocked(child), `${f.exporter.id} blocks ${child}`).toBe(true);
    if (e.match === "exact" && !wideExact)
      expect(blocked(child), `${f.exporter.id} leaves ${child}`).toBe(false);
  }
  for (const rule of list.unblocked)
    for (const host of rule.hosts) {
      const underBlock = list.block.some((b) => b.match === "suffix" && covers(b, host) && b.host !== host);
      if (!underBlock) expect(blocked(host), `${f.exporter.id} leaves ${host} (${rule.id})`).toBe(false);
    }
  for (const name of LOOKALIKES) expect(blocked(name), `${f.exporter.id}: ${name}`).toBe(false);
}

describe("DNS blocklists", () => {
  for (const f of FORMATS) {
    it(`${f.exporter.id}: blocks every product host, leaves web sites and look-alikes alone`, () => {
      checkSemantics(plan, f, f.exporter.id === "dnsmasq");
    });

    it(`${f.exporter.id}: deterministic, with catalogue version, rule ids, sources and low marks`, () => {
      const text = f.exporter.render(plan);
      expect(f.exporter.render(buildPlan(loadCatalog(), { includeLow: true }))).toBe(text);
      expect(text).toContain(`${catalog.manifest.name} ${catalog.manifest.version}`);
      expect(text).toContain(catalog.digest);
      for (const h of plan.hosts.filter((x) => !x.informational)) {
        expect(text).toContain(`${h.id}: ${h.signal}`);
        expect(text).toContain(`[${h.sources.join(" ")}]`);
      }
      const low = plan.hosts.find((h) => h.low && !h.informational)!;
      expect(text).toMatch(new RegExp(`${low.id.replace(/\./g, "\\.")}: [^\\n]*low confidence`));
      expect(text).toContain("8.8.8.8");
      const strict = f.exporter.render(buildPlan(catalog, { includeLow: false }));
      expect(strict).not.toContain(`${low.id}:`);
      expect(f.read(strict)(low.hosts[0]!)).toBe(false);
    });
  }

  it("rpz: every record line is zone-file syntax, with SOA and NS at the apex", () => {
    const zone = rpz.render(plan);
    const lines = zone.split("\n").filter((l) => l.length > 0 && !l.startsWith(";"));
    expect(lines[0]).toBe("$TTL 300");
    expect(lines[1]).toMatch(/^@ IN SOA \S+\. \S+\. \( \d{10} \d+ \d+ \d+ \d+ \)$/);
    expect(lines[2]).toMatch(/^@ IN NS \S+\.$/);
    for (const l of lines.slice(3))
      expect(l).toMatch(/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]+ CNAME (\.|rpz-passthru\.)$/);
    expect(rpzSerial(plan)).toBe(
      `${catalog.manifest.released.replace(/-/g, "")}${String(Number(catalog.manifest.version.split(".")[2]) % 100).padStart(2, "0")}`,
    );
  });

  it("unbound and dnsmasq lines are the directives they claim", () => {
    for (const l of unbound
      .render(plan)
      .split("\n")
      .filter((x) => x.trim() && !x.trim().startsWith("#")))
      expect(l).toMatch(
        /^(server:| {4}local-zone: "[a-z0-9.-]+\." (always_nxdomain|transparent)| {4}local-data: "[a-z0-9.-]+\. (A 0\.0\.0\.0|AAAA ::)")$/,
      );
    for (const l of dnsmasq
      .render(plan)
      .split("\n")
      .filter((x) => x.trim() && !x.startsWith("#")))
      expect(l).toMatch(/^(address|server)=\/[a-z0-9.-]+\/#$/);
  });

  it("passes through a web-site name the catalogue puts under a blocked suffix", () => {
    const dir = catalogCopy("kaspersky/network.yaml", (t) =>
      t.replace(
        "\n  # --- public web sites",
        "\n  - id: net.web.test-news\n    signal: web-visit\n    match: suffix\n    hosts: [news.upd.kaspersky.com]\n    sources: [S63]\n\n  # --- public web sites",
      ),
    );
    const p = buildPlan(loadCatalog(dir), { includeLow: true });
    expect(blocklist(p).pass.map((e) => e.host)).toEqual(["news.upd.kaspersky.com"]);
    for (const f of FORMATS.filter((x) => x.suffixes)) {
      const blocked = f.read(f.exporter.render(p));
      expect(blocked("s07.upd.kaspersky.com"), f.exporter.id).toBe(true);
      expect(blocked("news.upd.kaspersky.com"), f.exporter.id).toBe(false);
      expect(blocked("a.news.upd.kaspersky.com"), f.exporter.id).toBe(false);
    }
  });

  it("--signals narrows what is blocked", () => {
    const p = buildPlan(catalog, { includeLow: true, signals: ["update"] });
    const blocked = rpzBlocks(rpz.render(p));
    expect(blocked("s07.upd.kaspersky.com")).toBe(true);
    expect(blocked("ksn-file-geo.kaspersky-labs.com")).toBe(false);
  });
});
