import { describe, expect, it } from "vitest";
import { caseValues, oracleFires } from "../../../test/export-harness.js";
import { loadCatalog } from "../../catalog/load.js";
import type { FieldName } from "../../model/observation.js";
import { buildPlan } from "./plan.js";
import {
  rawTests,
  registryForms,
  registryRegex,
  type Shape,
  silencers,
  testRegex,
  textFoldClass,
  valuesRegex,
} from "./raw-match.js";

const plan = buildPlan(loadCatalog(), { includeLow: true });

/** The raw column shape a SIEM gives each field, and how a case value looks in it. */
const RAW: Partial<Record<FieldName, { shape: Shape; raw: (v: string) => string }>> = {
  name: { shape: "text", raw: (v) => v },
  publisher: { shape: "text", raw: (v) => v },
  text: { shape: "text", raw: (v) => v },
  path: { shape: "path", raw: (v) => v },
  service: { shape: "id", raw: (v) => v },
  package: { shape: "id", raw: (v) => v },
  bundleId: { shape: "id", raw: (v) => v },
  extensionId: { shape: "id", raw: (v) => v },
  productCode: { shape: "id", raw: (v) => v },
  process: { shape: "image", raw: (v) => (/[\\/]/.test(v) ? v : `C:\\Program Files\\X\\${v}`) },
  driver: { shape: "image", raw: (v) => (/[\\/]/.test(v) ? v : `C:\\Windows\\System32\\drivers\\${v}`) },
  registry: {
    shape: "registry-long",
    // Defender spells the hive out; the case values use every spelling offramp accepts
    raw: (v) =>
      v
        .replace(/^\[|\]$/g, "")
        .replace(/^(registry::)?(hklm|hkey_local_machine):?(?=\\)/i, "HKEY_LOCAL_MACHINE")
        .replace(/^(registry::)?(hku|hkey_users):?(?=\\)/i, "HKEY_USERS"),
  },
};

function regexFires(rule: (typeof plan.inventory)[number], shape: Shape, value: string): boolean {
  const re = new RegExp(valuesRegex(rule, shape), "iu");
  if (!re.test(value)) return false;
  return !silencers(rule, shape).some((s) => new RegExp(s.regex, "iu").test(value));
}

describe("raw-column regexes (KQL, SPL)", () => {
  it("compile as JS unicode regexes, and the fold class folds what the normaliser folds", () => {
    expect(() => new RegExp(textFoldClass(), "u")).not.toThrow();
    for (const r of plan.inventory)
      for (const shape of [
        "text",
        "path",
        "id",
        "image",
        "basename",
        "registry-long",
        "registry-short",
      ] as Shape[])
        expect(() => new RegExp(valuesRegex(r, shape), "iu"), r.id).not.toThrow();
  });

  it("fire on every case value exactly when offramp fires the signature", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const cv of caseValues()) {
      const raw = RAW[cv.field];
      if (!raw) continue;
      for (const rule of plan.inventory.filter((r) => r.field === cv.field)) {
        const want = oracleFires(rule, cv.value);
        const got = regexFires(rule, raw.shape, raw.raw(cv.value));
        checked++;
        if (want !== got)
          wrong.push(`${rule.id} on ${JSON.stringify(cv.value)}: offramp ${want}, regex ${got}`);
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(wrong).toEqual([]);
  });

  it("keep look-alikes out", () => {
    const publisher = plan.inventory.find((r) => r.id === "vendor.publisher")!;
    for (const v of ["Kaspersky Lab Fans", "Not Kaspersky", "Kaspersky-Lab"]) {
      expect(oracleFires(publisher, v)).toBe(false);
      expect(regexFires(publisher, "text", v), v).toBe(false);
    }
    expect(regexFires(publisher, "text", "  АО «Лаборатория   Касперского» ")).toBe(true);
    const avp = plan.inventory.find((r) => r.id === "vendor.process-avp")!;
    expect(regexFires(avp, "image", "C:\\Tools\\notavp.exe")).toBe(false);
    expect(regexFires(avp, "image", "/usr/bin/avp")).toBe(true);
  });

  it("spell registry keys as each engine does, with the 32-bit view", () => {
    expect(registryForms("hklm\\SOFTWARE\\KasperskyLab", "registry-long")).toEqual([
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLab",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\KasperskyLab",
    ]);
    const re = new RegExp(
      registryRegex("^hklm\\\\software\\\\kasperskylab\\\\(protected\\\\)?avp[0-9.]*(\\\\|$)"),
      "iu",
    );
    expect(re.test("HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\AVP21.3\\settings")).toBe(true);
    expect(re.test("HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLab\\AVP11")).toBe(true);
    expect(re.test("HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLabs\\AVP11")).toBe(false);
  });

  it("escape a hostile value into a literal", () => {
    const hostile = `a"b'c\\d*e?f(g)[h]{i}|j^k$l.m+n`;
    for (const op of ["equals", "contains", "prefix", "suffix"] as const) {
      const re = new RegExp(testRegex({ op, text: hostile }, "id"), "iu");
      expect(re.test(hostile), op).toBe(true);
      expect(re.test(hostile.replace("*", "x")), op).toBe(false);
    }
    const tests = rawTests({ field: "name", match: "equals" }, hostile, "text");
    expect(tests.length).toBeGreaterThan(0);
  });
});
