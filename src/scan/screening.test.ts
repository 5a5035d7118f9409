import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalog, scan } from "../../test/scan-helpers.js";
import { sharedFile } from "../../test/shared.js";
import { TextInput } from "../importers/input/text-input.js";
import { IMPORTERS } from "../importers/registry.js";
import { updateLists } from "../screen/lists/cache.js";
import { Scanner } from "./run.js";
import { screenScan } from "./screening.js";

const SCREEN_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "screen", "fixtures");

const ESTATE = [
  "host,name,publisher",
  "lab-01,Wafer Inspector,China Electronics Technology Group Corporation 13th Research Institute",
  "lab-02,Wafer Inspector,China Electronics Technology Group Corporation 13th Research Institute",
  "ws-01,Kaspersky Endpoint Security for Windows,АО «Лаборатория Касперского»",
  "ws-02,7-Zip,Igor Pavlov",
  "ws-03,Kaspi.kz,Kaspi Bank JSC",
].join("\n");

async function scanned() {
  const scanner = new Scanner(catalog, { importers: IMPORTERS });
  await scanner.add({ name: "estate.csv", open: () => TextInput.fromBuffer("estate.csv", ESTATE) });
  scanner.finish();
  return scanner;
}

describe("screening the publishers a scan meets", () => {
  it("collects every publisher with its hosts, matched rows and plain rows alike", async () => {
    const s = await scanned();
    const met = s.parties.resolve(s.hosts);
    expect(met.map((p) => [p.name, p.hosts])).toEqual([
      ["China Electronics Technology Group Corporation 13th Research Institute", ["lab-01", "lab-02"]],
      ["АО «Лаборатория Касперского»", ["ws-01"]],
      ["Igor Pavlov", ["ws-02"]],
      ["Kaspi Bank JSC", ["ws-03"]],
    ]);
  });

  it("without lists, screens against the catalogue's Kaspersky entities and says so", async () => {
    const s = await scanned();
    const r = screenScan(s.parties, s.hosts, catalog, { cacheDir: "/nonexistent/offramp-lists" });
    expect(r.lists.source).toBe("catalogue");
    expect(r.lists.note).toContain("offramp lists update");
    expect(r.parties.map((p) => [p.name, p.band])).toEqual([["АО «Лаборатория Касперского»", "match"]]);
  });

  it("with the CSL, a listed supplier touching the installed base shows with its hosts", async () => {
    const csl = sharedFile("data", "csl", "csl-consolidated-sample-13rows.csv");
    if (!csl) return;
    const s = await scanned();
    const r = screenScan(s.parties, s.hosts, catalog, { cacheDir: "/nonexistent", listFiles: [csl] });
    expect(r.lists.source).toBe("files");
    expect(r.lists.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const cetc = r.parties.find((p) => p.name.startsWith("China Electronics"))!;
    expect(cetc.band).toBe("match");
    expect(cetc.hosts).toEqual(["lab-01", "lab-02"]);
    expect(cetc.hits[0]!.sourceCode).toBe("EL");
    expect(r.parties.some((p) => p.name === "Kaspi Bank JSC" && p.band === "match")).toBe(false);
  });

  it("with no name met, describes the lists as a full screening would, without loading them", async () => {
    const scanner = new Scanner(catalog, { importers: IMPORTERS });
    scanner.finish();
    const none = { cacheDir: "/nonexistent/offramp-lists" };
    const quick = screenScan(scanner.parties, scanner.hosts, catalog, none);
    const s = await scanned();
    expect(quick).toEqual({
      ...screenScan(s.parties, s.hosts, catalog, none),
      screened: 0,
      parties: [],
    });
  });

  it("with no name met, reads only the manifest of a list cache and says the same of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "offramp-lists-"));
    const fixture = (name: string) => readFileSync(join(SCREEN_FIXTURES, name));
    const bodies: Record<string, Buffer> = {
      csl: fixture("csl-small.csv"),
      sdn: fixture("sdn.csv"),
      alt: fixture("alt.csv"),
    };
    await updateLists({
      dir,
      sources: { csl: "http://lists/csl", sdn: "http://lists/sdn", alt: "http://lists/alt" },
      fetch: (async (url: string) =>
        new Response(new Uint8Array(bodies[url.split("/").pop()!]!))) as typeof fetch,
    });
    const empty = new Scanner(catalog, { importers: IMPORTERS });
    empty.finish();
    const quick = screenScan(empty.parties, empty.hosts, catalog, { cacheDir: dir });
    const s = await scanned();
    const full = screenScan(s.parties, s.hosts, catalog, { cacheDir: dir });
    expect(quick.lists.source).toBe("cache");
    expect(quick).toEqual({ ...full, screened: 0, parties: [] });
  });

  it("plain scans used by tests do not screen (no dependence on a user's list cache)", async () => {
    const r = await scan([{ name: "estate.csv", data: ESTATE }]);
    expect(r.findings.length).toBeGreaterThan(0);
  });
});
