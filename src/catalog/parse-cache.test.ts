import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "./load.js";

describe("catalogue parse cache", () => {
  const saved = process.env.OFFRAMP_DATA;
  let data: string;
  beforeEach(() => {
    data = mkdtempSync(join(tmpdir(), "offramp-parse-cache-"));
    process.env.OFFRAMP_DATA = data;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.OFFRAMP_DATA;
    else process.env.OFFRAMP_DATA = saved;
  });
  const cacheFiles = () => readdirSync(join(data, "catalog-cache"));

  it("gives the same catalogue from the cache as from the YAML", () => {
    const fresh = loadCatalog(DEFAULT_CATALOG_DIR, { cache: false });
    const first = loadCatalog();
    expect(cacheFiles()).toHaveLength(1);
    const cached = JSON.parse(readFileSync(join(data, "catalog-cache", cacheFiles()[0]!), "utf8"));
    expect(Object.keys(cached).length).toBeGreaterThan(10);
    const second = loadCatalog();
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
  });

  it("ignores a damaged cache file and rewrites it", () => {
    loadCatalog();
    const file = join(data, "catalog-cache", cacheFiles()[0]!);
    writeFileSync(file, "{not json");
    expect(loadCatalog()).toEqual(loadCatalog(DEFAULT_CATALOG_DIR, { cache: false }));
    expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
  });

  it("still names the file and line of bad data, and caches no parse of a file that changed", () => {
    const root = join(mkdtempSync(join(tmpdir(), "offramp-catalog-")), "catalog");
    cpSync(DEFAULT_CATALOG_DIR, root, { recursive: true });
    loadCatalog(root);
    const net = join(root, "kaspersky", "network.yaml");
    const text = readFileSync(net, "utf8");
    const lines = text.split("\n");
    const at = lines.findIndex((l) => /^\s+match:/.test(l));
    lines[at] = lines[at]!.replace(/match:.*/, "match: sometimes");
    writeFileSync(net, lines.join("\n"));
    expect(() => loadCatalog(root)).toThrow(new RegExp(`network\\.yaml:${at + 1}:`));
  });
});
