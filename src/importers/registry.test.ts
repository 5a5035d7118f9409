import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load.js";
import { Scanner } from "../scan/run.js";
import { TextInput } from "./input/text-input.js";
import { IMPORTERS } from "./registry.js";
import { pickImporter } from "./sniff.js";

const here = dirname(fileURLToPath(import.meta.url));
const NOT_IMPORTERS = new Set(["input", "shared"]);
const folders = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !NOT_IMPORTERS.has(d.name))
  .map((d) => d.name)
  .sort();
const catalog = loadCatalog();

function fixturesOf(id: string): string[] {
  const dir = join(here, id, "fixtures");
  try {
    return readdirSync(dir)
      .filter((n) => !n.startsWith("."))
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

describe("importer registry", () => {
  it("lists exactly the importer folders, each under its own id", () => {
    expect(IMPORTERS.map((i) => i.id).sort()).toEqual(folders);
  });

  it("has unique ids", () => {
    expect(new Set(IMPORTERS.map((i) => i.id)).size).toBe(IMPORTERS.length);
  });
});

/**
 * The contract every importer passes: its fixtures sniff to it (files named `*.not-mine.*` are
 * near misses that must not), it reads them without throwing, counts records, and a damaged
 * copy (truncated mid-record, a line of garbage spliced in) yields issues, not an exception,
 * while the good records before the damage are still read.
 */
describe.each(IMPORTERS.map((i) => [i.id, i] as const))("importer contract: %s", (id, importer) => {
  const fixtures = fixturesOf(id);

  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it("scores zero on empty and binary input", () => {
    expect(importer.sniff("")).toBe(0);
    expect(importer.sniff("\u0000\u0001\u0002\u0003garbage\u00ff")).toBe(0);
  });

  for (const file of fixtures) {
    const name = file.slice(here.length + 1);
    const mine = !/\.not-mine\./.test(file);
    it(`${mine ? "claims" : "does not claim"} ${name}`, async () => {
      const input = TextInput.fromFile(file);
      const head = await input.peek();
      const picked = pickImporter(IMPORTERS, head)?.importer.id;
      if (mine) expect(picked).toBe(id);
      else expect(picked).not.toBe(id);
    });
    if (!mine) continue;

    it(`reads ${name} and counts its records`, async () => {
      const scanner = new Scanner(catalog, { importers: IMPORTERS, format: id });
      const summary = await scanner.add({ name, open: () => TextInput.fromFile(file) });
      expect(summary.format).toBe(id);
      expect(summary.records).toBeGreaterThan(0);
      expect(summary.digest).toMatch(/^[0-9a-f]{64}$/);
    });

    it(`survives a damaged copy of ${name}`, async () => {
      const text = readFileSync(file, "utf8");
      const cut = text.slice(0, Math.floor(text.length * 0.7));
      const damaged = `${cut}\n\u0000\u0001 not a record {[<"\n`;
      const scanner = new Scanner(catalog, { importers: IMPORTERS, format: id });
      const summary = await scanner.add({ name, open: () => TextInput.fromBuffer(name, damaged) });
      const issues = scanner.finish().issues;
      expect(issues.every((i) => i.code !== "read-failed" || i.message.length > 0)).toBe(true);
      expect(summary.records + summary.issues).toBeGreaterThan(0);
    });
  }
});
