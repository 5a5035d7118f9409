import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { productsByHost, scan, scanFile } from "../scan-helpers.js";
import { SHARED, sharedFile } from "../shared.js";

const here = import.meta.dirname;

/**
 * The labelled corpus: every host that must be flagged is, with exactly its products; no decoy
 * (look-alike names, Pango products, other vendors' Kaspersky removal tools, host names with the
 * brand) is flagged.
 */
describe("quality corpus", () => {
  it("flags every labelled host with exactly its products and no decoy", async () => {
    const labels = parse(readFileSync(join(here, "labels.yaml"), "utf8")) as Record<string, string[]>;
    const dir = join(here, "corpus");
    const r = await scan(
      readdirSync(dir)
        .sort()
        .map((n) => ({ name: n, path: join(dir, n) })),
    );
    expect(r.issues).toEqual([]);
    const found = productsByHost(r);
    const mistakes: string[] = [];
    for (const [host, expected] of Object.entries(labels)) {
      const got = found[host] ?? [];
      if (JSON.stringify(got) !== JSON.stringify([...expected].sort())) {
        mistakes.push(`${host}: expected [${expected.join(", ")}], got [${got.join(", ")}]`);
      }
    }
    for (const host of Object.keys(found))
      if (!(host in labels)) mistakes.push(`${host}: flagged but not labelled`);
    expect(mistakes).toEqual([]);
    expect(Object.keys(labels).length).toBeGreaterThanOrEqual(55);
  });
});

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else if (!/PROVENANCE\.md$/.test(n)) out.push(p);
  }
  return out;
}

describe("real samples written by others", () => {
  it("the system_profiler sample yields the Parallels Powered-by-Kaspersky OEM product, and only it", async () => {
    const path = sharedFile(
      "samples",
      "macos-system-profiler",
      "glpi-agent-sample2.SPApplicationsDataType.txt",
    );
    if (!path) return;
    const r = await scanFile(path, { importOptions: { host: "lubrano-mac" } });
    expect(r.findings.map((f) => [f.product, f.class])).toEqual([
      ["parallels-internet-security-kaspersky", "integrated"],
    ]);
  });

  it("every other real sample yields no Kaspersky finding", async () => {
    const root = sharedFile("samples");
    if (!root) return;
    const files = allFiles(root).filter((f) => !f.includes("macos-system-profiler"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const r = await scanFile(file, { importOptions: { host: "sample", year: 2024 } });
      const covered = r.findings.filter((f) => f.scope === "covered");
      expect(
        covered.map((f) => `${f.host} ${f.product}`),
        file.slice(SHARED.length),
      ).toEqual([]);
    }
  });
});
