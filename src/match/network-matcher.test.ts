import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog, readCatalogFile } from "../catalog/load.js";
import { CaseFile } from "../model/catalog.js";
import type { Observation } from "../model/observation.js";
import { runCase } from "./cases.js";
import { FindingCollector } from "./findings.js";
import { HostRegistry } from "./hosts.js";
import { Matcher } from "./matcher.js";
import { isPrivateAddress } from "./network-address.js";
import { gradeNetwork, MAX_NETWORK_EVIDENCE } from "./network-findings.js";
import { DomainIndex } from "./network-index.js";

const catalog = loadCatalog();
const matcher = new Matcher(catalog);
const net = matcher.network;

function dns(
  ip: string,
  domain: string,
  at?: string,
  extra: Partial<Observation["fields"]> = {},
): Observation {
  return {
    host: { ip },
    kind: "dns",
    fields: { domain, ...extra },
    origin: { format: "test", file: "t.log", line: 1 },
    ...(at && { at }),
  };
}

function collect(observations: Observation[]) {
  const hosts = new HostRegistry();
  const collector = new FindingCollector(matcher, hosts);
  for (const o of observations) collector.add(o, hosts.touch(o.host, "test", "network"));
  return collector.finish().findings;
}

const networkCases = readCatalogFile(
  catalog.root,
  join(catalog.root, "cases", "network.yaml"),
  CaseFile,
).cases;

describe("network cases (catalog/cases/network.yaml)", () => {
  for (const c of networkCases) {
    it(c.name, () => {
      const outcome = runCase(matcher, c);
      expect(outcome.products).toEqual([...c.expect].sort());
      for (const id of c.fires) expect(outcome.fired).toContain(id);
      for (const id of c.silent) expect(outcome.fired).not.toContain(id);
    });
  }
});

describe("network rules", () => {
  it("has a case that fires and a near miss for every network rule", () => {
    const cases = networkCases;
    const fires = new Set(cases.flatMap((c) => c.fires));
    const silent = new Set(cases.flatMap((c) => c.silent));
    const missing = net.rules
      .map((r) => r.compiled.signature.id)
      .filter((id) => !fires.has(id) || !silent.has(id));
    expect(missing).toEqual([]);
  });

  it("matches whole labels only", () => {
    const id = (name: string) => net.matchDomain(name)?.rule.compiled.signature.id;
    expect(id("s01.upd.kaspersky.com")).toBe("net.update.upd");
    expect(id("S01.UPD.Kaspersky.COM.")).toBe("net.update.upd");
    expect(id("kaspersky.com")).toBe("net.web.base");
    for (const decoy of [
      "kaspersky.com.evil.example",
      "notkaspersky.com",
      "kaspersky-labs.co",
      "kaspersky.community",
      "xkaspersky-labs.com",
      "kaspersky",
      "com",
      "kaspersky.com..evil",
      "",
    ])
      expect(id(decoy), decoy).toBeUndefined();
  });

  it("prefers the most specific rule", () => {
    expect(net.matchDomain("activation-v2.kaspersky.com")?.rule.signal).toBe("activation");
    expect(net.matchDomain("usa.kaspersky.com")?.rule.compiled.signature.id).toBe("net.web.research-blog");
    expect(net.matchDomain("x.usa.kaspersky.com")?.rule.compiled.signature.id).toBe("net.web.research-blog");
  });

  it("decodes the Windows DNS debug-log notation and keeps punycode", () => {
    expect(net.matchDomain("(3)s07(3)upd(9)kaspersky(3)com(0)")?.rule.signal).toBe("update");
    expect(net.matchDomain("xn--80ak6aa92e.kaspersky.com")?.rule.signal).toBe("web-visit");
    expect(net.matchDomain("(9)kaspersky(3)co(0)")).toBeUndefined();
  });

  it("pre-tests raw bytes soundly: never false where the lookup matches", () => {
    const names = [
      "Dnl-03.GeO.kasPersKy.com",
      "click.kaspersky.com.",
      "a.b.c.d.e.kaspersky.co.uk",
      "KSN-FILE-GEO.KASPERSKY-LABS.COM",
      "www.google.com",
      "kaspersky.com.evil.net",
      "securelist.com",
      "d1234.cloudfront.net",
      "com",
      "",
      "kaspersky-safe-kids.firebaseio.com",
      "firebaseio.com",
    ];
    for (const n of names) {
      const buf = Buffer.from(`x\t${n}\ty`, "latin1");
      const hit = net.matchDomain(n) !== undefined;
      const may = net.index.mayMatch(buf, 2, 2 + n.length);
      if (hit) expect(may, n).toBe(true);
      expect(net.mayMatchName(n), n).toBe(may);
    }
    expect(net.index.mayMatch(Buffer.from("www.google.com"), 0, 14)).toBe(false);
  });

  it("builds the same index from the plain entries a worker receives", () => {
    const copy = new DomainIndex(structuredClone([...net.domainEntries]));
    for (const n of ["s00.upd.kaspersky.com", "kaspersky.ru", "nope.example"])
      expect(copy.lookup(n)).toEqual(net.index.lookup(n));
  });

  it("keeps a text pre-filter that every rule name passes", () => {
    for (const row of catalog.network.hosts)
      for (const h of row.hosts) expect(net.text.test(h.toUpperCase()), h).toBe(true);
    expect(net.text.test("www.google.com")).toBe(false);
  });

  it("tells internal from public addresses", () => {
    for (const ip of [
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "100.64.0.1",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:db8::1", "11.0.0.1", "not-an-ip"])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("marks a query sent straight to a public resolver as resolver fallback", () => {
    const hits = net.match(
      dns("10.0.0.5", "ksn-file.geoksn.kaspersky.com", undefined, { resolver: "8.8.8.8" }),
    );
    expect(hits[0]?.resolver).toBe("8.8.8.8");
    expect(
      net.match(dns("10.0.0.5", "ksn-file.geoksn.kaspersky.com", undefined, { resolver: "10.0.0.53" }))[0]
        ?.resolver,
    ).toBeUndefined();
  });
});

describe("network findings", () => {
  it("keeps web visits alone at possible", () => {
    const [f] = collect([dns("10.0.0.5", "securelist.com"), dns("10.0.0.5", "www.kaspersky.com")]);
    expect(f?.confidence).toBe("possible");
    expect(f?.class).toBe("network");
    expect(f?.signals).toEqual({ "web-visit": 2 });
  });

  it("makes update traffic likely and update plus KSN confirmed", () => {
    expect(collect([dns("10.0.0.5", "s01.upd.kaspersky.com")])[0]?.confidence).toBe("likely");
    const [f] = collect([
      dns("10.0.0.5", "s01.upd.kaspersky.com"),
      dns("10.0.0.5", "ksn-url-geo.kaspersky-labs.com"),
    ]);
    expect(f?.confidence).toBe("confirmed");
    expect(f?.product).toBe("kaspersky-unidentified");
  });

  it("makes an interception certificate likely although its row is weakly sourced", () => {
    const [f] = collect([
      {
        host: { ip: "10.0.0.8" },
        kind: "tls",
        fields: { issuer: "O=AO Kaspersky Lab, CN=Kaspersky Web Anti-Virus Certification Authority" },
        origin: { format: "test", file: "t.log", line: 3 },
      },
    ]);
    expect(f?.confidence).toBe("likely");
    expect(f?.signals).toEqual({ interception: 1 });
  });

  it("flags update traffic at or after the cut-off, from the catalogue's instant", () => {
    const before = collect([dns("10.0.0.5", "s01.upd.kaspersky.com", "2024-09-29T03:59:59.999Z")])[0];
    const at = collect([dns("10.0.0.5", "s01.upd.kaspersky.com", "2024-09-29T04:00:00.000Z")])[0];
    const web = collect([dns("10.0.0.5", "www.kaspersky.com", "2025-01-01T00:00:00.000Z")])[0];
    expect(before?.updateAfterCutoff).toBe(false);
    expect(at?.updateAfterCutoff).toBe(true);
    expect(web?.updateAfterCutoff).toBe(false);
  });

  it("keeps first and last seen, counts every record and caps the evidence", () => {
    const obs: Observation[] = [];
    for (let i = 0; i < 400; i++) {
      const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      obs.push({
        ...dns("10.0.0.5", `s${String(i % 20).padStart(2, "0")}.upd.kaspersky.com`, t),
        origin: { format: "t", file: "a", line: i + 1 },
      });
    }
    const [f] = collect(obs.reverse());
    expect(f?.signals).toEqual({ update: 400 });
    expect(f?.firstSeen).toBe("2024-01-01T00:00:00.000Z");
    expect(f?.lastSeen).toBe(new Date(Date.UTC(2024, 0, 1) + 399 * 60_000).toISOString());
    expect(f?.evidence.length).toBe(MAX_NETWORK_EVIDENCE);
    expect(f?.basis).toContain("400 matching record(s)");
  });

  it("reports KSC ports on the Administration Server, with the agents as peers", () => {
    const flow = (src: string, dst: string, port: string): Observation => ({
      host: { ip: src },
      kind: "flow",
      fields: { dstIp: dst, dstPort: port, proto: "tcp" },
      origin: { format: "test", file: "conn.log", line: 1 },
    });
    const one = collect([flow("10.1.0.1", "10.0.0.9", "13000")]);
    expect(one.map((f) => [f.host, f.product, f.confidence])).toEqual([
      ["10.0.0.9", "kaspersky-security-center", "possible"],
    ]);
    const fleet = collect(["10.1.0.1", "10.1.0.2", "10.1.0.3"].map((ip) => flow(ip, "10.0.0.9", "13000")));
    expect(fleet).toHaveLength(1);
    expect(fleet[0]?.confidence).toBe("likely");
    expect(fleet[0]?.evidence.map((e) => e.value)).toContain("10.1.0.2 → 10.0.0.9 tcp/13000");
  });

  it("grades by kinds, not by volume", () => {
    const g = (signals: Record<string, number>, strong: string[], weak: string[]) =>
      gradeNetwork({
        signals: new Map(Object.entries(signals)),
        strong: new Set(strong),
        weak: new Set(weak),
        peers: 0,
        ports: 0,
      }).confidence;
    expect(g({ "web-visit": 10_000 }, [], ["web-visit"])).toBe("possible");
    expect(g({ download: 1, telemetry: 1 }, [], ["download", "telemetry"])).toBe("likely");
    expect(g({ download: 5, "web-visit": 5 }, [], ["download", "web-visit"])).toBe("possible");
  });
});
