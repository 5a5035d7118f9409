import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../catalog/load.js";
import { buildPlan } from "./plan.js";
import { zeekField, zeekIntel } from "./zeek-intel.js";
import { zeekSuffix } from "./zeek-suffix.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });

/** The intel file as Zeek's ASCII reader sees it: `#` lines skipped except `#fields`, tab-separated rows. */
function readIntel(text: string): Record<string, string>[] {
  const lines = text.split("\n").filter((l) => l.length > 0);
  const fieldsAt = lines.findIndex((l) => l.startsWith("#fields\t"));
  expect(fieldsAt).toBeGreaterThanOrEqual(0);
  const names = lines[fieldsAt]!.split("\t").slice(1);
  return lines
    .slice(fieldsAt + 1)
    .filter((l) => !l.startsWith("#"))
    .map((l) => {
      const cols = l.split("\t");
      expect(cols.length, l).toBe(names.length);
      return Object.fromEntries(names.map((n, i) => [n, cols[i]!]));
    });
}

/** The suffix set the script declares, read back from its text. */
function scriptSuffixes(script: string): Set<string> {
  const block = /const suffixes: set\[string\] = \{([\s\S]*?)\} &redef;/.exec(script);
  expect(block).not.toBeNull();
  return new Set([...block![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!));
}

/**
 * What the intel framework reports for a queried name: the name itself when the intel file lists
 * it, and, with the script loaded, each strict parent (two labels or more) in the script's set.
 */
function reported(intel: Set<string>, suffixes: Set<string>, name: string): string[] {
  const out = intel.has(name) ? [name] : [];
  const labels = name.split(".");
  for (let i = 1; i < labels.length - 1; i++) {
    const parent = labels.slice(i).join(".");
    if (suffixes.has(parent) && intel.has(parent)) out.push(parent);
  }
  return out;
}

describe("Zeek intel export", () => {
  it("is the intel TSV shape: #fields header, four columns, Intel::DOMAIN rows", () => {
    const text = zeekIntel.render(plan);
    expect(text).toContain("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n");
    const rows = readIntel(text);
    expect(rows.length).toBe(plan.hosts.reduce((n, h) => n + h.hosts.length, 0));
    for (const r of rows) {
      expect(r.indicator).toMatch(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]+$/);
      expect(r.indicator_type).toBe("Intel::DOMAIN");
      expect(r["meta.source"]).toMatch(
        new RegExp(`^${catalog.manifest.name}-${catalog.manifest.version.replace(/\./g, "\\.")}:net\\.`),
      );
      expect(r["meta.desc"]).toMatch(/\[[^\]]+\]/);
    }
    expect(zeekIntel.render(buildPlan(loadCatalog(), { includeLow: true }))).toBe(text);
  });

  it("marks web sites informational and low-confidence rows low", () => {
    const rows = readIntel(zeekIntel.render(plan));
    const blog = rows.find((r) => r.indicator === "securelist.com")!;
    expect(blog["meta.desc"]).toContain("not an install indicator");
    const low = plan.hosts.find((h) => h.low)!;
    expect(rows.find((r) => r.indicator === low.hosts[0])!["meta.desc"]).toContain("low confidence");
    expect(
      readIntel(zeekIntel.render(buildPlan(catalog, { includeLow: false }))).some(
        (r) => r.indicator === low.hosts[0],
      ),
    ).toBe(false);
  });

  it("with the suffix script, names under a suffix rule are reported and look-alikes are not", () => {
    const intel = new Set(readIntel(zeekIntel.render(plan)).map((r) => r.indicator!));
    const script = zeekSuffix.render(plan);
    const suffixes = scriptSuffixes(script);
    for (const h of plan.hosts.filter((x) => x.match === "suffix"))
      for (const host of h.hosts) expect(suffixes.has(host), host).toBe(true);
    for (const h of plan.hosts.filter((x) => x.match === "exact"))
      for (const host of h.hosts) expect(suffixes.has(host), host).toBe(false);
    expect(reported(intel, suffixes, "s07.upd.kaspersky.com")).toContain("upd.kaspersky.com");
    expect(reported(intel, suffixes, "dnl-00.geo.kaspersky.com")).toEqual([
      "dnl-00.geo.kaspersky.com",
      "kaspersky.com",
    ]);
    for (const name of [
      "kaspersky.com.evil.example",
      "notkaspersky.com",
      "kaspersky-labs.co",
      "upd.kaspersky.com.evil.example",
    ])
      expect(reported(intel, suffixes, name), name).toEqual([]);
    expect(reported(intel, suffixes, "notupd.kaspersky.com")).toEqual(["kaspersky.com"]);
  });

  it("the script is well-formed: balanced braces, the events the seen scripts use, no trailing comma in the set", () => {
    const script = zeekSuffix.render(plan);
    const code = script.replace(/"(\\.|[^"\\])*"/g, '""').replace(/#.*$/gm, "");
    expect((code.match(/\{/g) ?? []).length).toBe((code.match(/\}/g) ?? []).length);
    expect((code.match(/\(/g) ?? []).length).toBe((code.match(/\)/g) ?? []).length);
    expect(script).toContain(
      "event dns_request(c: connection, msg: dns_msg, query: string, qtype: count, qclass: count)",
    );
    expect(script).toContain(
      "event ssl_extension_server_name(c: connection, is_orig: bool, names: string_vec)",
    );
    expect(script).toContain("event http_header(c: connection, is_orig: bool, name: string, value: string)");
    expect(script).not.toMatch(/,\s*(#[^\n]*)?\n\s*\} &redef;/);
    expect(script).toContain(catalog.manifest.version);
  });

  it("escapes Zeek's ASCII input specials", () => {
    expect(zeekField("a\tb\\c\nd")).toBe("a\\x09b\\x5cc\\x0ad");
    expect(zeekField("-")).toBe("\\x2d");
    expect(zeekField("")).toBe("(empty)");
  });
});
