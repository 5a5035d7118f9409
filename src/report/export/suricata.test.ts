import { describe, expect, it } from "vitest";
import { catalogCopy } from "../../../test/export-harness.js";
import { loadCatalog } from "../../catalog/load.js";
import { buildPlan, type ExportPlan } from "./plan.js";
import { suricata, suricataContent } from "./suricata.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });

interface Rule {
  action: string;
  proto: string;
  header: string;
  options: { key: string; value?: string }[];
}

/** A rule line split as Suricata does: header, then `key[:value];` options with `\;` `\"` escapes. */
function parseRule(line: string): Rule {
  const m = /^(alert) (dns|tls|http|tcp|udp) (\S+ \S+ -> \S+ \S+) \((.*)\)$/.exec(line);
  expect(m, line).not.toBeNull();
  const options: { key: string; value?: string }[] = [];
  let cur = "";
  let inQuote = false;
  const body = m![4]!;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\") {
      cur += c + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    if (c === ";" && !inQuote) {
      const opt = cur.trim();
      const colon = opt.indexOf(":");
      options.push(colon < 0 ? { key: opt } : { key: opt.slice(0, colon), value: opt.slice(colon + 1) });
      cur = "";
      continue;
    }
    cur += c;
  }
  expect(inQuote, line).toBe(false);
  expect(cur.trim(), line).toBe("");
  return { action: m![1]!, proto: m![2]!, header: m![3]!, options };
}

/** A content string's bytes: `|hex|` groups decoded, the rest as written. */
function contentText(value: string): string {
  const inner = /^"(.*)"$/.exec(value)![1]!;
  expect(inner).not.toMatch(/(^|[^\\])[";]/);
  const bytes: number[] = [];
  const parts = inner.split("|");
  parts.forEach((p, i) => {
    if (i % 2 === 1) for (const h of p.trim().split(/\s+/)) bytes.push(Number.parseInt(h, 16));
    else for (const b of new TextEncoder().encode(p)) bytes.push(b);
  });
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function rules(p: ExportPlan): Rule[] {
  return suricata
    .render(p)
    .split("\n")
    .filter((l) => l.startsWith("alert "))
    .map(parseRule);
}

const opt = (r: Rule, key: string) => r.options.find((o) => o.key === key)?.value;

/** What a DNS/TLS/HTTP name rule matches, from its dotprefix/content/startswith/endswith options. */
function nameMatcher(r: Rule): (name: string) => boolean {
  const keys = r.options.map((o) => o.key);
  const content = contentText(opt(r, "content")!).toLowerCase();
  const dot = keys.includes("dotprefix");
  return (name) => {
    const buf = (dot ? `.${name}` : name).toLowerCase();
    if (keys.includes("startswith") && keys.includes("endswith")) return buf === content;
    if (keys.includes("endswith")) return buf.endsWith(content);
    return buf.includes(content);
  };
}

describe("Suricata export", () => {
  it("every line is a rule of the expected shape, with msg, classtype, a unique local sid, rev and metadata", () => {
    const all = rules(plan);
    expect(all.length).toBeGreaterThan(100);
    const sids = new Set<number>();
    for (const r of all) {
      for (const k of ["msg", "classtype", "sid", "rev", "metadata"])
        expect(opt(r, k), `${k} in ${opt(r, "msg")}`).toBeDefined();
      const sid = Number(opt(r, "sid"));
      expect(sid).toBeGreaterThanOrEqual(1_000_000);
      expect(sid).toBeLessThan(2_000_000);
      expect(sids.has(sid)).toBe(false);
      sids.add(sid);
      expect(opt(r, "metadata")).toContain(
        `offramp_catalog ${catalog.manifest.name}-${catalog.manifest.version}`,
      );
      expect(opt(r, "metadata")).toMatch(/offramp_rule net\.[a-z0-9.-]+/);
      expect(opt(r, "metadata")).toMatch(/offramp_source \S+/);
      expect(opt(r, "metadata")).toMatch(/offramp_confidence (low|normal)/);
      if (r.proto === "http") expect(r.options.some((o) => o.key === "nocase")).toBe(false);
    }
    expect(suricata.render(buildPlan(loadCatalog(), { includeLow: true }))).toBe(suricata.render(plan));
  });

  it("matches every indicator host (and names under a suffix) in DNS, SNI and Host, and no look-alike", () => {
    const all = rules(plan).filter(
      (r) => ["dns", "tls", "http"].includes(r.proto) && opt(r, "content") && !opt(r, "tls.cert_issuer"),
    );
    const nameRules = all.filter((r) =>
      r.options.some((o) => ["dns.query", "tls.sni", "http.host"].includes(o.key)),
    );
    const hits = (name: string, proto: string) =>
      nameRules
        .filter((r) => r.proto === proto && nameMatcher(r)(name))
        .map((r) => /offramp_rule ([^,\s]+)/.exec(opt(r, "metadata")!)![1]);
    for (const h of plan.hosts)
      for (const host of h.hosts)
        for (const proto of ["dns", "tls", "http"]) {
          expect(hits(host, proto), `${proto} ${host}`).toContain(h.id);
          if (h.match === "suffix") expect(hits(`s07.${host}`, proto)).toContain(h.id);
          else expect(hits(`s07.${host}`, proto)).not.toContain(h.id);
        }
    for (const name of [
      "kaspersky.com.evil.example",
      "notkaspersky.com",
      "kaspersky-labs.co",
      "upd.kaspersky.com.evil.example",
    ])
      expect(hits(name, "dns"), name).toEqual([]);
    expect(hits("notupd.kaspersky.com", "dns")).toEqual(["net.web.base"]);
  });

  it("marks web sites informational and low-confidence rules low", () => {
    const all = rules(plan);
    const web = all.filter((r) => /offramp_rule net\.web\./.test(opt(r, "metadata")!));
    expect(web.length).toBeGreaterThan(0);
    for (const r of web) expect(opt(r, "classtype")).toBe("misc-activity");
    const low = all.filter((r) => /offramp_confidence low/.test(opt(r, "metadata")!));
    expect(low.length).toBeGreaterThan(0);
    for (const r of low) expect(opt(r, "msg")).toContain("low confidence");
    expect(
      rules(buildPlan(catalog, { includeLow: false })).some((r) =>
        /offramp_confidence low/.test(opt(r, "metadata")!),
      ),
    ).toBe(false);
  });

  it("has the interception issuers and the Security Center ports", () => {
    const all = rules(plan);
    for (const i of plan.issuers)
      for (const issuer of i.issuers)
        expect(
          all.some(
            (r) =>
              opt(r, "tls.cert_issuer") === undefined &&
              r.options.some((o) => o.key === "tls.cert_issuer") &&
              contentText(opt(r, "content")!) === issuer,
          ),
        ).toBe(true);
    for (const p of plan.ports)
      expect(all.some((r) => r.proto === p.proto && r.header.endsWith(`$HOME_NET ${p.port}`))).toBe(true);
  });

  it("keeps a hostile issuer inside its content string", () => {
    const hostile = 'Evil "Root"; CA | \\ tail';
    const dir = catalogCopy("kaspersky/network.yaml", (t) =>
      t.replace(
        "      - Kaspersky Web Anti-Virus Certification Authority",
        `      - Kaspersky Web Anti-Virus Certification Authority\n      - ${JSON.stringify(hostile)}`,
      ),
    );
    const p = buildPlan(loadCatalog(dir), { includeLow: true });
    const r = rules(p).find(
      (x) =>
        x.options.some((o) => o.key === "tls.cert_issuer") && contentText(opt(x, "content")!) === hostile,
    );
    expect(r).toBeDefined();
    expect(suricataContent("a|b")).toBe("a|7C|b");
  });
});
