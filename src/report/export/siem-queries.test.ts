import { describe, expect, it } from "vitest";
import { catalogCopy, HOSTILE } from "../../../test/export-harness.js";
import { loadCatalog } from "../../catalog/load.js";
import { KQL_FIELDS, kql } from "./kql.js";
import { buildPlan, type ExportPlan } from "./plan.js";
import { SPL_FIELDS, spl } from "./spl.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });

interface Scan {
  strings: string[];
  regexes: string[];
  depth: { paren: number; bracket: number };
}

/**
 * A lexer for the parts of KQL and SPL the exports write: comments, `"…"` strings with backslash
 * escapes, KQL `@"…"` verbatim strings; brackets are counted outside them.
 */
function scan(text: string, lang: "kql" | "spl"): Scan {
  const out: Scan = { strings: [], regexes: [], depth: { paren: 0, bracket: 0 } };
  let i = 0;
  let negative = false;
  const before = (at: number) => text.slice(Math.max(0, at - 40), at);
  while (i < text.length) {
    const c = text[i]!;
    if (lang === "kql" && text.startsWith("//", i)) {
      i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
      continue;
    }
    if (lang === "spl" && text.startsWith("```", i)) {
      const end = text.indexOf("```", i + 3);
      expect(end, "unterminated SPL comment").toBeGreaterThan(i);
      i = end + 3;
      continue;
    }
    if (lang === "kql" && text.startsWith('@"', i)) {
      let j = i + 2;
      let s = "";
      for (;;) {
        if (j >= text.length) throw new Error("unterminated verbatim string");
        if (text[j] === '"' && text[j + 1] === '"') {
          s += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else s += text[j++];
      }
      out.strings.push(s);
      if (/matches regex\s*$/.test(before(i))) out.regexes.push(s);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= text.length) throw new Error("unterminated string");
        const d = text[j]!;
        if (d === "\\") {
          const e = text[j + 1]!;
          s += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
          j += 2;
        } else if (d === '"') break;
        else {
          if (d === "\n") throw new Error(`raw newline inside a string at ${j}`);
          s += d;
          j++;
        }
      }
      out.strings.push(s);
      if (lang === "spl" && /match\(offramp_value,\s*$/.test(before(i))) out.regexes.push(s);
      i = j + 1;
      continue;
    }
    if (c === "(") out.depth.paren++;
    if (c === ")") out.depth.paren--;
    if (c === "[") out.depth.bracket++;
    if (c === "]") out.depth.bracket--;
    if (out.depth.paren < 0) negative = true;
    i++;
  }
  expect(negative, "closing parenthesis without an opening one").toBe(false);
  return out;
}

/** A regex as the engines get it, made a JS unicode regex (`(?i)` becomes the `i` flag). */
function jsRegex(source: string): RegExp {
  const i = source.startsWith("(?i)");
  return new RegExp(i ? source.slice(4) : source, i ? "iu" : "u");
}

const hostilePlan = (): ExportPlan => {
  const dir = catalogCopy(
    "kaspersky/shared-signatures.yaml",
    (t) =>
      `${t}\n  - id: vendor.hostile\n    on: name\n    match: equals\n    values: [${JSON.stringify(HOSTILE)}]\n    weight: weak\n    sources: [S55]\n  - id: vendor.hostile-words\n    on: name\n    match: words\n    values: [${JSON.stringify(HOSTILE)}]\n    weight: weak\n    sources: [S55]\n`,
  );
  return buildPlan(loadCatalog(dir), { includeLow: true });
};

for (const [exporter, lang, fields] of [
  [kql, "kql", KQL_FIELDS],
  [spl, "spl", SPL_FIELDS],
] as const) {
  describe(`${exporter.id} export`, () => {
    it("lexes cleanly: strings closed, brackets balanced, every regex compiles", () => {
      const text = exporter.render(plan);
      const s = scan(text, lang);
      expect(s.depth).toEqual({ paren: 0, bracket: 0 });
      expect(s.regexes.length).toBeGreaterThan(50);
      for (const r of s.regexes) expect(() => jsRegex(r), r).not.toThrow();
      expect(exporter.render(buildPlan(loadCatalog(), { includeLow: true }))).toBe(text);
    });

    it("carries every signature it can express, the rest named, with version and sources", () => {
      const text = exporter.render(plan);
      const strings = new Set(scan(text, lang).strings);
      for (const r of plan.inventory) {
        if (fields.has(r.field)) {
          expect(strings.has(r.id), r.id).toBe(true);
          expect(strings.has(r.sources.join(" ")), `${r.id} sources`).toBe(true);
        } else expect(text).toContain(`${r.id} (${r.field})`);
      }
      for (const h of plan.hosts) expect(strings.has(h.id), h.id).toBe(true);
      expect(text).toContain(`${catalog.manifest.name} ${catalog.manifest.version}`);
    });

    it("puts low-confidence rows in their own section, and leaves them out on request", () => {
      const text = exporter.render(plan);
      expect(text).toContain("LOW confidence");
      const low = plan.inventory.find((r) => r.low && r.tier === "covered" && fields.has(r.field))!;
      const section = text.split(/```\s*=+\s*```|\/\/ =+/).find((b) => b.includes(`"${low.id}"`))!;
      expect(section).toContain("LOW confidence");
      const strict = exporter.render(buildPlan(catalog, { includeLow: false }));
      expect(strict).not.toContain(`"${low.id}"`);
    });

    it("keeps a hostile value one string and matches it literally", () => {
      const text = exporter.render(hostilePlan());
      const s = scan(text, lang);
      expect(s.depth).toEqual({ paren: 0, bracket: 0 });
      expect(s.strings).toContain("vendor.hostile");
      const matching = s.regexes.filter((r) => jsRegex(r).test(HOSTILE));
      expect(matching.length).toBeGreaterThan(0);
      expect(s.regexes.some((r) => jsRegex(r).test(HOSTILE.replace("Evil", "Evl")))).toBe(
        s.regexes.some((r) => jsRegex(r).test("Kaspersky Evl")),
      );
    });
  });
}

describe("kql network queries", () => {
  it("match names under a suffix rule by whole labels", () => {
    const text = kql.render(plan);
    expect(text).toContain('OfframpHost endswith ".upd.kaspersky.com"');
    expect(text).not.toMatch(/OfframpHost endswith "upd\.kaspersky\.com"/);
    expect(text).toContain('RemoteIPType == "Private"');
  });
});

describe("spl network searches", () => {
  it("anchor host regexes at label boundaries", () => {
    const regexes = scan(spl.render(plan), "spl").strings.filter((s) => s.startsWith("(?i)^(?:[^.]+\\.)*"));
    expect(regexes.length).toBeGreaterThan(0);
    const any = (name: string) => regexes.some((r) => jsRegex(r).test(name));
    expect(any("s07.upd.kaspersky.com")).toBe(true);
    expect(any("upd.kaspersky.com.")).toBe(true);
    for (const name of ["kaspersky.com.evil.example", "notkaspersky.com", "kaspersky-labs.co"])
      expect(any(name), name).toBe(false);
  });
});
