import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { caseValues, catalogCopy, HOSTILE, oracleFires } from "../../../test/export-harness.js";
import { loadCatalog } from "../../catalog/load.js";
import type { FieldName } from "../../model/observation.js";
import { buildPlan, type ExportPlan } from "./plan.js";
import { SIGMA_FIELDS, sigma, sigmaLiteral, sigmaValue, stableUuid } from "./sigma.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });

type Doc = Record<string, unknown> & {
  detection: Record<string, unknown>;
  offramp: Record<string, unknown>;
  logsource: Record<string, string>;
};

function docs(p: ExportPlan): Doc[] {
  return parseAllDocuments(sigma.render(p)).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });
}

// ---- a small Sigma evaluator for the subset the export writes ----------------------------------

/** A Sigma string (wildcards `*` `?`, `\` escaping them and itself) as an anchored regex source. */
function sigmaPattern(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const next = value[i + 1] ?? "";
    if (c === "\\" && /[*?\\]/.test(next)) {
      out += next.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
      i++;
    } else if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else out += c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
  return out;
}

function ipInCidr(ip: string, cidr: string): boolean {
  if (cidr.includes(":") || ip.includes(":")) return false;
  const [base, bits] = cidr.split("/");
  const n = (s: string) => s.split(".").reduce((a, b) => a * 256 + Number(b), 0);
  const mask = Number(bits) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(bits));
  return (n(ip) & mask) >>> 0 === (n(base!) & mask) >>> 0;
}

function valueMatches(key: string, expected: unknown, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const [, ...mods] = key.split("|");
  const e = String(expected);
  if (mods.includes("re")) return new RegExp(e, mods.includes("i") ? "iu" : "u").test(actual);
  if (mods.includes("cidr")) return ipInCidr(actual, e);
  const body = sigmaPattern(e);
  const src = mods.includes("contains")
    ? `.*${body}.*`
    : mods.includes("startswith")
      ? `${body}.*`
      : mods.includes("endswith")
        ? `.*${body}`
        : body;
  return new RegExp(`^${src}$`, "isu").test(actual);
}

function selectionMatches(sel: Record<string, unknown>, event: Record<string, string>): boolean {
  return Object.entries(sel).every(([key, expected]) => {
    const field = key.split("|")[0]!;
    const list = Array.isArray(expected) ? expected : [expected];
    return list.some((x) => valueMatches(key, x, event[field]));
  });
}

/** Conditions of the forms the export writes: `a and not 1 of b_*`, `1 of x_*`, plain names. */
function fires(doc: Doc, event: Record<string, string>): boolean {
  const det = doc.detection;
  const term = (t: string): boolean => {
    const neg = t.startsWith("not ");
    const body = neg ? t.slice(4) : t;
    const of = /^1 of (\w+)\*$/.exec(body);
    const names = of ? Object.keys(det).filter((k) => k.startsWith(of[1]!)) : [body];
    const hit = names.some((n) => selectionMatches(det[n] as Record<string, unknown>, event));
    return neg ? !hit : hit;
  };
  return String(det.condition)
    .split(" and ")
    .every((t) => term(t.trim()));
}

/** The event a log source would carry for a value of this field. */
function eventFor(field: FieldName, value: string): Record<string, string> | undefined {
  const image = (dir: string) => (/[\\/]/.test(value) ? value : `${dir}\\${value}`);
  switch (field) {
    case "process":
      return { Image: image("C:\\Program Files\\X") };
    case "path":
      return { Image: value };
    case "publisher":
      return { Company: value };
    case "name":
      return { Product: value };
    case "service":
      return { ServiceName: value, EventID: "7045", Provider_Name: "Service Control Manager" };
    case "driver":
      return { ImageLoaded: image("C:\\Windows\\System32\\drivers") };
    case "registry":
      return {
        TargetObject: value
          .replace(/^\[|\]$/g, "")
          .replace(/^(registry::)?(hklm|hkey_local_machine):?(?=\\)/i, "HKLM")
          .replace(/^(registry::)?(hku|hkey_users):?(?=\\)/i, "HKU"),
      };
    default:
      return undefined;
  }
}

describe("Sigma export", () => {
  it("is valid YAML, one rule per document, with the keys Sigma requires and stable unique ids", () => {
    const all = docs(plan);
    expect(all.length).toBeGreaterThan(100);
    const ids = new Set<string>();
    for (const d of all) {
      for (const k of ["title", "id", "status", "description", "logsource", "detection", "level", "date"])
        expect(d, `${d.title} has ${k}`).toHaveProperty(k);
      expect(String(d.title).length).toBeLessThanOrEqual(256);
      expect(d.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.has(String(d.id)), String(d.id)).toBe(false);
      ids.add(String(d.id));
      expect(["informational", "low", "medium", "high", "critical"]).toContain(d.level);
      expect(d.detection.condition).toBeTypeOf("string");
      for (const k of Object.keys(d.detection)) expect(k).toMatch(/^[A-Za-z0-9_]+$/);
      expect(d.offramp.catalog).toBe(`${catalog.manifest.name} ${catalog.manifest.version}`);
      expect((d.offramp.sources as string[]).length).toBeGreaterThan(0);
    }
    expect(sigma.render(buildPlan(loadCatalog(), { includeLow: true }))).toBe(sigma.render(plan));
    expect(stableUuid("a")).toBe(stableUuid("a"));
  });

  it("carries every signature it can express and names the rest", () => {
    const text = sigma.render(plan);
    const all = docs(plan);
    const signatures = new Set(all.map((d) => d.offramp.signature).filter(Boolean));
    const indicators = new Set(all.map((d) => d.offramp.indicator).filter(Boolean));
    for (const r of plan.inventory) {
      if (SIGMA_FIELDS.has(r.field)) expect(signatures.has(r.id), r.id).toBe(true);
      else expect(text).toContain(`${r.id} (${r.field})`);
    }
    for (const h of plan.hosts) expect(indicators.has(h.id), h.id).toBe(true);
    for (const p of plan.ports) expect(indicators.has(p.id), p.id).toBe(true);
  });

  it("marks low-confidence rows level low and exempt ones informational", () => {
    for (const d of docs(plan)) {
      const informational =
        d.offramp.tier === "exempt" ||
        d.offramp.tier === "indicator" ||
        /public web site/.test(String(d.title));
      if (d.offramp.confidence === "low" && !informational) expect(d.level, String(d.title)).toBe("low");
      if (d.offramp.tier === "exempt") expect(d.level).toBe("informational");
    }
    const strict = docs(buildPlan(catalog, { includeLow: false }));
    expect(strict.some((d) => d.offramp.confidence === "low")).toBe(false);
  });

  it("fires on the catalogue's case values as offramp does (words with one separator between them)", () => {
    const byId = new Map<string, Doc[]>();
    for (const d of docs(plan)) {
      const id = d.offramp.signature as string | undefined;
      if (id) byId.set(id, [...(byId.get(id) ?? []), d]);
    }
    const wrong: string[] = [];
    for (const cv of caseValues()) {
      const event = eventFor(cv.field, cv.value);
      if (!event) continue;
      for (const rule of plan.inventory.filter((r) => r.field === cv.field)) {
        const want = oracleFires(rule, cv.value);
        const got = (byId.get(rule.id) ?? []).some((d) => fires(d, event));
        if (want !== got)
          wrong.push(`${rule.id} on ${JSON.stringify(cv.value)}: offramp ${want}, sigma ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("keeps guards and look-alike domains out", () => {
    const all = docs(plan);
    const powered = all.find((d) => d.offramp.signature === "powered-by.name")!;
    expect(fires(powered, { Product: "Acme Antivirus Powered by Kaspersky" })).toBe(true);
    expect(fires(powered, { Product: "Hotspot Shield Powered by Kaspersky" })).toBe(false);
    const dns = all.filter((d) => d.logsource.category === "dns_query");
    const hit = (name: string) =>
      dns.filter((d) => fires(d, { QueryName: name })).map((d) => d.offramp.indicator);
    expect(hit("s07.upd.kaspersky.com")).toContain("net.update.upd");
    for (const name of ["kaspersky.com.evil.example", "notkaspersky.com", "kaspersky-labs.co"])
      expect(hit(name), name).toEqual([]);
    // a name under kaspersky.com is Kaspersky's web site, never the update host it looks like
    expect(hit("notupd.kaspersky.com")).toEqual(["net.web.base"]);
  });

  it("escapes wildcards and backslashes of a hostile value", () => {
    expect(sigmaLiteral("a*b?c\\d\\*e\\")).toBe("a\\*b\\?c\\d\\\\\\*e\\");
    expect(sigmaValue(["HKLM\\X\\", { wild: "*" }])).toBe("HKLM\\X\\\\*");
    const dir = catalogCopy(
      "kaspersky/shared-signatures.yaml",
      (t) =>
        `${t}\n  - id: vendor.hostile\n    on: name\n    match: equals\n    values: [${JSON.stringify(HOSTILE)}]\n    weight: weak\n    sources: [S55]\n`,
    );
    const doc = docs(buildPlan(loadCatalog(dir), { includeLow: true })).find(
      (d) => d.offramp.signature === "vendor.hostile",
    )!;
    expect(fires(doc, { Product: HOSTILE })).toBe(true);
    expect(fires(doc, { Product: HOSTILE.replace("*", "x") })).toBe(false);
  });
});
