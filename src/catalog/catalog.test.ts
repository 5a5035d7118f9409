import { describe, expect, it } from "vitest";
import { loadCases, runCase } from "../match/cases.js";
import { Matcher } from "../match/matcher.js";
import { compileSignature, FieldValue, testSignature } from "./compile.js";
import { loadCatalog } from "./load.js";
import { verifyCatalog } from "./verify.js";

const catalog = loadCatalog();
const matcher = new Matcher(catalog);
const cases = loadCases(catalog);

describe("catalogue", () => {
  it("passes every check (schemas, sources, regex safety, references)", () => {
    expect(verifyCatalog(catalog)).toEqual([]);
  });

  it("cites only source ids the manifest lists, for every product", () => {
    for (const p of catalog.products.values()) expect(p.sources.length).toBeGreaterThan(0);
  });

  it("matches every literal value of a signature against itself", () => {
    for (const rule of matcher.rules) {
      const sig = rule.compiled.signature;
      if (sig.match === "regex" || sig.match === "glob") continue;
      for (const value of sig.values) {
        const got = testSignature(compileSignature(sig), new FieldValue(sig.on, value));
        expect(got?.value, `${sig.id} on its own value "${value}"`).toBe(value);
      }
    }
  });

  it("keeps every value inside its field's pre-filter (the filter is sound)", () => {
    for (const rule of matcher.rules) {
      const sig = rule.compiled.signature;
      if (sig.match === "regex" || sig.match === "glob") continue;
      for (const value of sig.values)
        expect(matcher.prefilter.test(value), `${sig.id} "${value}"`).toBe(true);
    }
  });
});

describe("catalogue cases", () => {
  it("has a must-match and a near-miss case for every signature", () => {
    const fires = new Set(cases.flatMap((c) => c.fires));
    const silent = new Set(cases.flatMap((c) => c.silent));
    const missing: string[] = [];
    for (const rule of matcher.rules) {
      const id = rule.compiled.signature.id;
      if (!fires.has(id)) missing.push(`${id}: no case where it must fire`);
      if (!silent.has(id)) missing.push(`${id}: no near-miss case`);
    }
    expect(missing).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const outcome = runCase(matcher, c);
      expect(outcome.products, "products found").toEqual([...c.expect].sort());
      for (const id of c.fires) expect(outcome.fired, `${id} must fire`).toContain(id);
      for (const id of c.silent) expect(outcome.fired, `${id} must stay silent`).not.toContain(id);
    });
  }
});
