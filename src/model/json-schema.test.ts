import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { catalog, scan } from "../../test/scan-helpers.js";
import { ROOT } from "../../test/shared.js";
import { loadCatalog } from "../catalog/load.js";
import { buildReport } from "../report/document.js";
import {
  buildJsonSchema,
  buildSchemaFiles,
  HINT_PREFIX,
  SCHEMA_SOURCES,
  schemaFor,
  schemaHint,
  withSchemaHint,
} from "./json-schema.js";
import { ReportDocument } from "./report.js";

type Schema = Record<string, unknown>;

/**
 * Checks a value against the keywords the generated schemas use (type, properties, required,
 * additionalProperties, items, enum, const, anyOf, pattern, propertyNames, min/max…), returning
 * the paths that fail. Not a general validator: it exists to prove the schemas accept real files.
 */
function violations(schema: Schema, value: unknown, path = "$"): string[] {
  const out: string[] = [];
  const fail = (why: string) => out.push(`${path}: ${why}`);
  if (schema.anyOf) {
    const branches = (schema.anyOf as Schema[]).map((s) => violations(s, value, path));
    if (branches.every((b) => b.length > 0)) out.push(...branches.flat());
  }
  if ("const" in schema && value !== schema.const) fail(`expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    fail(`${JSON.stringify(value)} not in enum`);
  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type as string | string[]);
  const typeOk: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    number: (v) => typeof v === "number",
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === "boolean",
    null: (v) => v === null,
    array: Array.isArray,
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  };
  if (types.length > 0 && !types.some((t) => typeOk[t]!(value)))
    return [...out, `${path}: expected ${types}`];
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern as string, "u").test(value))
      fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === "number" && value.length < schema.minLength) fail("too short");
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) fail("too long");
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) fail("below minimum");
    if (typeof schema.maximum === "number" && value > schema.maximum) fail("above maximum");
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum)
      fail("not above minimum");
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) fail("too few items");
    if (schema.items) {
      value.forEach((v, i) => {
        out.push(...violations(schema.items as Schema, v, `${path}[${i}]`));
      });
    }
  }
  if (typeOk.object!(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) fail(`missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) out.push(...violations(props[key]!, v, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected ${key}`);
      else if (typeof schema.additionalProperties === "object")
        out.push(...violations(schema.additionalProperties as Schema, v, `${path}.${key}`));
      if (schema.propertyNames)
        out.push(...violations(schema.propertyNames as Schema, key, `${path}{${key}}`));
    }
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(d.name) ? [p] : [];
  });
}

const reportSource = SCHEMA_SOURCES.find((s) => s.file === "report.schema.json")!;

describe("generated JSON Schemas", () => {
  const files = buildSchemaFiles();

  it("are committed exactly as the generator writes them now (run `npm run schema`)", () => {
    const committed = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? committed(join(dir, d.name)) : [relative(join(ROOT, "schema"), join(dir, d.name))],
      );
    expect(committed(join(ROOT, "schema")).sort()).toEqual([...files.keys()].sort());
    for (const [file, text] of files) {
      expect(readFileSync(join(ROOT, "schema", file), "utf8"), file).toBe(text);
    }
  });

  it("write sorted keys, two-space indent and a trailing newline", () => {
    const text = files.get("catalog/manifest.schema.json")!;
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "$schema": "https://json-schema.org/draft/2020-12/schema",');
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
  });

  it("give every catalogue file a schema that accepts it", () => {
    const checked: string[] = [];
    for (const path of yamlFiles(join(ROOT, "catalog"))) {
      const rel = relative(ROOT, path).split("\\").join("/");
      const source = schemaFor(rel);
      expect(source, `${rel} has no schema`).toBeDefined();
      const problems = violations(buildJsonSchema(source!), parseYaml(readFileSync(path, "utf8")));
      expect(problems, rel).toEqual([]);
      checked.push(source!.file);
    }
    expect(new Set(checked).size).toBeGreaterThanOrEqual(8);
  });

  it("give editor hints that point at the schema files and leave the catalogue loading as before", () => {
    expect(schemaHint("catalog/kaspersky/products/consumer.yaml")).toBe(
      `${HINT_PREFIX}../../../schema/catalog/products.schema.json`,
    );
    expect(withSchemaHint(`${HINT_PREFIX}old.json\na: 1\n`, "# new")).toBe("# new\na: 1\n");
    const tmp = mkdtempSync(join(tmpdir(), "offramp-hints-"));
    try {
      cpSync(join(ROOT, "catalog"), join(tmp, "catalog"), { recursive: true });
      for (const path of yamlFiles(join(tmp, "catalog"))) {
        const rel = relative(tmp, path).split("\\").join("/");
        const hint = schemaHint(rel)!;
        expect(existsSync(join(ROOT, dirname(rel), hint.slice(HINT_PREFIX.length))), rel).toBe(true);
        writeFileSync(path, withSchemaHint(readFileSync(path, "utf8"), hint));
      }
      const hinted = loadCatalog(join(tmp, "catalog"));
      expect([...hinted.products.keys()]).toEqual([...catalog.products.keys()]);
      expect(hinted.guards).toEqual(catalog.guards);
      expect(hinted.manifest).toEqual(catalog.manifest);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("reject what the loader rejects: a product without scope, a signature with an unknown field", () => {
    const products = buildJsonSchema(schemaFor("catalog/kaspersky/products/x.yaml")!);
    const product = {
      id: "p",
      name: "P",
      vendor: "kaspersky",
      family: "consumer",
      platforms: ["windows"],
      sources: ["S55"],
      signatures: [
        { id: "p.name", on: "nmae", match: "equals", values: ["P"], weight: "strong", sources: ["S55"] },
      ],
    };
    expect(violations(products, { products: [product] })).toEqual([
      "$.products[0]: missing scope",
      '$.products[0].signatures[0].on: "nmae" not in enum',
    ]);
  });

  it("describe a real scan report, which also passes the zod model", async () => {
    const fixture = (...p: string[]) => join(ROOT, "src", "importers", ...p);
    const result = await scan([
      { name: "inventory.csv", path: fixture("csv-inventory", "fixtures", "generic-with-decoys.csv") },
      {
        name: "firmware.cdx.json",
        path: fixture("cyclonedx", "fixtures", "firmware-appliance-kav-sdk.cdx-1.6.json"),
      },
      { name: "android.spdx.json", path: fixture("spdx", "fixtures", "android-app-kaspresso.spdx-2.2.json") },
      { name: "broken.csv", data: "host,name,publisher\nws1,Kaspersky Free\n" },
    ]);
    const report = JSON.parse(JSON.stringify(buildReport(result, catalog, "2025-01-15", ["us-private"])));
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    expect(report.issues.length).toBeGreaterThan(0);
    expect(report.findings.some((f: { assessments: unknown[] }) => f.assessments.length > 0)).toBe(true);
    expect(ReportDocument.parse(report)).toEqual(report);
    expect(violations(buildJsonSchema(reportSource), report)).toEqual([]);
    const tampered = { ...report, findings: [{ ...report.findings[0], class: "installed-ish" }] };
    expect(violations(buildJsonSchema(reportSource), tampered)).toEqual([
      '$.findings[0].class: "installed-ish" not in enum',
    ]);
  });
});
