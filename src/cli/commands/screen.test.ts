import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../main.js";

const fx = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "../../screen/fixtures", name);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await main(["node", "offramp", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => vi.restoreAllMocks());

describe("offramp screen", () => {
  it("screens a vendor master: one result per row, the row's own fields kept", async () => {
    const r = await run("screen", fx("vendors.csv"), "--list", fx("csl-small.csv"), "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.inputs[0]).toMatchObject({ nameColumn: "Supplier Name", rows: 7 });
    const byId = Object.fromEntries(
      report.rows.map((x: { fields: Record<string, string> }) => [x.fields["Vendor ID"], x]),
    );
    expect(byId["V-1"].band).toBe("match");
    expect(byId["V-1"].hits.map((h: { sourceCode: string }) => h.sourceCode)).toEqual(
      expect.arrayContaining(["EL", "OFFRAMP"]),
    );
    expect(byId["V-1"].family).toContain("89 FR 52434");
    expect(byId["V-2"].band).toBe("none");
    expect(byId["V-3"].band).toBe("none");
    expect(byId["V-5"].hits[0]).toMatchObject({ sourceCode: "SDN", listName: "NORTHWIND TH" });
    expect(byId["V-6"].hits[0].explanation).toContain("website equal");
    expect(byId["V-6"].fields.City).toBe("Berlin");
  });

  it("neutralises formulas in CSV and escapes every value in HTML", async () => {
    const csv = await run("screen", fx("vendors.csv"), "--list", fx("csl-small.csv"), "--format", "csv");
    expect(csv.out).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.out.split("\r\n")[0]).toContain("screen_band");
    const html = await run("screen", fx("vendors.csv"), "--list", fx("csl-small.csv"), "--format", "html");
    expect(html.out).not.toContain("<script>");
    expect(html.out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.out).not.toMatch(/<(link|img|iframe)\b/);
  });

  it("prints a table of the rows that need attention, and fails on request", async () => {
    const r = await run("screen", fx("vendors.csv"), "--list", fx("csl-small.csv"), "--fail-on", "review");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^match\s+1\.00\s+АО «Лаборатория Касперского»/m);
    expect(r.out).not.toContain("Acme Widgets");
  });

  it("reads JSON vendor masters and screens against the catalogue alone", async () => {
    const r = await run("screen", fx("vendors.json"), "--catalog-only", "--format", "json");
    const report = JSON.parse(r.out);
    expect(report.rows[0]).toMatchObject({ name: "Kaspersky Lab Switzerland GmbH", band: "match" });
    expect(report.rows[0].fields.meta).toBeUndefined();
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: "vendor-not-an-object", record: 3 }),
    );
  });

  it("says which column it wanted, and that lists are missing", async () => {
    const bad = await run("screen", fx("vendors.csv"), "--catalog-only", "--name-column", "Nope");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('no name column "Nope"');
    const dir = mkdtempSync(join(tmpdir(), "offramp-empty-"));
    const none = await run("screen", fx("vendors.csv"), "--lists-dir", dir);
    expect(none.code).toBe(2);
    expect(none.err).toContain("offramp lists update");
    rmSync(dir, { recursive: true, force: true });
  });

  it("scores name pairs as JSON lines", async () => {
    const r = await run("screen", "pairs", fx("pairs.csv"));
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.band)).toEqual(["match", "none", "match"]);
    expect(lines[0]).toMatchObject({ line: 2, left: "AO Kaspersky Lab", score: expect.any(Number) });
  });
});

describe("offramp lists", () => {
  it("updates from a (local) server and shows the status", async () => {
    const server = createServer((req, res) => {
      res.end(readFileSync(fx(req.url === "/csl.json" ? "csl-small.json" : "sdn.csv")));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), "offramp-lists-"));
    try {
      const empty = await run("lists", "status", "--dir", dir);
      expect(empty.code).toBe(1);
      const up = await run(
        "lists",
        "update",
        "--dir",
        dir,
        "--csl-url",
        `${base}/csl.json`,
        "--sdn-url",
        `${base}/sdn.csv`,
        "--alt-url",
        "",
        "--add-url",
        "",
      );
      expect(up.out).toMatch(/^updated: 5 parties/);
      const st = await run("lists", "status", "--dir", dir);
      expect(st.out).toMatch(/5 parties/);
      expect(st.out).toMatch(/csl +2 records/);
      const screened = await run("screen", fx("vendors.json"), "--lists-dir", dir, "--format", "json");
      expect(JSON.parse(screened.out).rows[1]).toMatchObject({ name: "Glacier Bank", band: "match" });
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
