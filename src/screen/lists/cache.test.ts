import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCachedParties, readManifest, sha256, shrinkProblems, updateLists } from "./cache.js";
import { ListsMissingError, loadLists } from "./load-lists.js";
import { analyseParty, preparedNamesOf } from "./prepared-names.js";

const fx = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", name);

/** A local stand-in for trade.gov and Treasury: the test never touches the network. */
const files: Record<string, { body: Buffer | string; status?: number }> = {};
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const f = files[req.url ?? ""];
    res.writeHead(f?.status ?? (f ? 200 : 404));
    res.end(f?.body ?? "not found");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "offramp-cache-"));
  files["/csl.csv"] = { body: readFileSync(fx("csl-small.csv")) };
  files["/sdn.csv"] = { body: readFileSync(fx("sdn.csv")) };
  files["/alt.csv"] = { body: readFileSync(fx("alt.csv")) };
  return () => rmSync(dir, { recursive: true, force: true });
});

const sources = () => ({ csl: `${base}/csl.csv`, sdn: `${base}/sdn.csv`, alt: `${base}/alt.csv` });
const tiny = { shrinkMinRows: 1 };
const at = (iso: string) => () => new Date(iso);

describe("lists update", () => {
  it("downloads every source into the cache with SHA-256, fetch time and counts", async () => {
    const r = await updateLists({ dir, sources: sources(), now: at("2026-11-01T10:00:00Z") });
    expect(r.status).toBe("updated");
    const m = readManifest(dir)!;
    expect(m.sources.map((s) => [s.id, s.file, s.format])).toEqual([
      ["csl", "csl.csv", "csl-csv"],
      ["sdn", "sdn.csv", "sdn"],
      ["alt", "alt.csv", "sdn-alt"],
    ]);
    expect(m.sources[0]!.sha256).toBe(sha256(readFileSync(fx("csl-small.csv"))));
    expect(m.sources[0]!.fetchedAt).toBe("2026-11-01T10:00:00.000Z");
    expect(m.bySource).toEqual({ EL: 3, SDN: 5 });
    const cached = loadCachedParties(dir)!;
    expect(cached.parties.map((p) => p.key)).toContain("SDN:306");
    expect(cached.parties.find((p) => p.key === "SDN:306")!.names.map((n) => n.name)).toContain(
      "BANCO NACIONAL DE ENSAYO",
    );
  });

  it("refuses a snapshot in which a source shrank sharply, and keeps the previous one", async () => {
    await updateLists({ dir, sources: sources(), now: at("2026-11-01T10:00:00Z") });
    const lines = readFileSync(fx("csl-small.csv"), "utf8").split("\n");
    files["/csl.csv"] = { body: [lines[0], lines[1], lines[2], lines[3]].join("\n") }; // no SDN rows
    files["/sdn.csv"] = {
      body: '36,"AEROCARIBE TEST AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
    };
    const r = await updateLists({ dir, sources: sources(), now: at("2026-11-02T10:00:00Z"), ...tiny });
    expect(r.status).toBe("refused");
    expect(r.shrink).toEqual([{ source: "SDN", before: 5, after: 1 }]);
    expect(r.message).toContain("--accept-shrink");
    expect(readManifest(dir)!.updatedAt).toBe("2026-11-01T10:00:00.000Z");
  });

  it("accepts the shrink when told to", async () => {
    await updateLists({ dir, sources: sources(), now: at("2026-11-01T10:00:00Z") });
    files["/sdn.csv"] = {
      body: '36,"AEROCARIBE TEST AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
    };
    const refused = await updateLists({ dir, sources: sources(), now: at("2026-11-02T10:00:00Z"), ...tiny });
    expect(refused.status).toBe("refused");
    const r = await updateLists({
      dir,
      sources: sources(),
      acceptShrink: true,
      now: at("2026-11-02T10:00:00Z"),
      ...tiny,
    });
    expect(r.status).toBe("updated");
    expect(readManifest(dir)!.updatedAt).toBe("2026-11-02T10:00:00.000Z");
  });

  it("leaves the cache alone when a download fails or is not a list", async () => {
    await updateLists({ dir, sources: sources(), now: at("2026-11-01T10:00:00Z") });
    files["/sdn.csv"] = { body: "maintenance", status: 503 };
    const failed = await updateLists({ dir, sources: sources(), now: at("2026-11-03T10:00:00Z") });
    expect(failed.status).toBe("failed");
    expect(failed.message).toContain("HTTP 503");
    files["/sdn.csv"] = { body: "<html>maintenance</html>" };
    const junk = await updateLists({ dir, sources: sources(), now: at("2026-11-03T10:00:00Z") });
    expect(junk.status).toBe("failed");
    expect(readManifest(dir)!.updatedAt).toBe("2026-11-01T10:00:00.000Z");
  });

  it("measures shrink per source, ignoring tiny ones", () => {
    expect(shrinkProblems({ SDN: 14973, EL: 2778, FSE: 3 }, { SDN: 3, EL: 2770, FSE: 0 })).toEqual([
      { source: "SDN", before: 14973, after: 3 },
    ]);
  });
});

describe("loading lists", () => {
  it("says how to get lists when the cache is empty", () => {
    expect(() => loadLists({ cacheDir: dir })).toThrow(ListsMissingError);
  });
  it("loads the cache, or files given by path, plus nothing else", async () => {
    await updateLists({ dir, sources: { csl: `${base}/csl.csv` } });
    expect(loadLists({ cacheDir: dir }).parties).toHaveLength(5);
    expect(loadLists({ cacheDir: "/nonexistent", listFiles: [fx("csl-small.json")] }).parties).toHaveLength(
      2,
    );
  });
});

describe("prepared names", () => {
  it("stores the analysed names at update, and loading uses them instead of analysing again", async () => {
    await updateLists({ dir, sources: sources() });
    expect(existsSync(join(dir, "names.json"))).toBe(true);
    const { parties } = loadCachedParties(dir)!;
    for (const p of parties) {
      expect(preparedNamesOf(p), p.key).toBeDefined();
      expect(preparedNamesOf(p)).toEqual(analyseParty(p));
    }
  });
  it("ignores a file made by another analyser or for other parties, and rewrites it", async () => {
    await updateLists({ dir, sources: sources() });
    const path = join(dir, "names.json");
    const file = JSON.parse(readFileSync(path, "utf8")) as { fingerprint: string; names: unknown[][] };
    // A stale analysis: the wrong fingerprint and garbage names must not reach the index.
    writeFileSync(path, JSON.stringify({ ...file, fingerprint: "stale", names: file.names.map(() => []) }));
    const { parties } = loadCachedParties(dir)!;
    expect(preparedNamesOf(parties[0]!)).toEqual(analyseParty(parties[0]!));
    expect(JSON.parse(readFileSync(path, "utf8")).fingerprint).toBe(file.fingerprint);
  });
});
