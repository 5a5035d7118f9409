import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportDocument } from "../../src/model/report.js";
import { ROOT } from "../shared.js";

const BIN = join(ROOT, "bin", "offramp.js");

function run(args: string[], options: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "offramp-cli-"));
const inventory = join(tmp, "inventory.csv");
writeFileSync(
  inventory,
  "host,name,publisher\nws-1,Kaspersky Endpoint Security for Windows,AO Kaspersky Lab\nws-2,Kaspersky Free,\nws-3,7-Zip,Igor Pavlov\n",
);

describe("offramp CLI", () => {
  it("scans a file and prints a table", () => {
    const r = run(["scan", inventory, "--as-of", "2024-11-15"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Kaspersky Endpoint Security for Windows");
    expect(r.out).toContain("unsupported");
  });

  it("writes JSON that validates and is the same bytes twice", () => {
    const a = run(["scan", inventory, "--format", "json", "--as-of", "2024-11-15"]);
    const b = run(["scan", inventory, "--format", "json", "--as-of", "2024-11-15"]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const doc = ReportDocument.parse(JSON.parse(a.out));
    expect(doc.findings.map((f) => [f.host, f.product, f.confidence])).toEqual([
      ["ws-1", "kaspersky-endpoint-security-windows", "confirmed"],
      ["ws-2", "kaspersky-free", "likely"],
    ]);
  });

  it("reads stdin with -", () => {
    const r = run(["scan", "-", "--format", "json"], { input: readFileSync(inventory, "utf8") });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).inputs[0].file).toBe("-");
  });

  it("exits 1 when --fail-on is reached and 0 when it is not", () => {
    expect(run(["scan", inventory, "--fail-on", "confirmed"]).code).toBe(1);
    const clean = join(tmp, "clean.csv");
    writeFileSync(clean, "host,name,publisher\nws-9,7-Zip,Igor Pavlov\nws-9,Kaspersky Free,\n");
    expect(run(["scan", clean, "--fail-on", "confirmed"]).code).toBe(0);
    expect(run(["scan", clean, "--fail-on", "likely"]).code).toBe(1);
  });

  it("exits 2 on an unreadable input or a bad option, naming the problem", () => {
    const missing = run(["scan", join(tmp, "nope.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("nope.csv");
    expect(run(["scan", inventory, "--as-of", "yesterday"]).code).toBe(2);
    expect(run(["scan", inventory, "--profile", "mars"]).err).toContain("unknown profile");
    expect(run(["scan", inventory, "--format", "pdf"]).code).toBe(2);
    expect(run(["frobnicate"]).code).toBe(2);
  });

  it("writes several formats at once, one --output each", () => {
    const json = join(tmp, "r.json");
    const html = join(tmp, "r.html");
    const r = run(["scan", inventory, "--format", "json", "--format", "html", "-o", json, "-o", html]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8")).schema).toContain("report");
    expect(readFileSync(html, "utf8")).toContain("<!doctype html>");
  });

  it("re-assesses a saved report for another date and profile without the inputs", () => {
    const saved = join(tmp, "saved.json");
    run(["scan", inventory, "--format", "json", "-o", saved, "--as-of", "2024-08-01"]);
    const r = run([
      "assess",
      saved,
      "--as-of",
      "2024-11-15",
      "--profile",
      "us-federal-agency",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.asOf).toBe("2024-11-15");
    expect(doc.profile).toEqual(["us-federal-agency"]);
    expect(doc.findings[0].assessments.map((a: { status: string }) => a.status)).toContain("prohibited");
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, '{"schema":1}');
    expect(run(["assess", bad]).code).toBe(2);
  });

  it("runs the demo on the bundled estate and writes its reports", () => {
    const cwd = mkdtempSync(join(tmpdir(), "offramp-demo-"));
    const r = run(["demo", "--as-of", "2024-11-15"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Kaspersky Security for Windows Server");
    expect(existsSync(join(cwd, "offramp-report.json"))).toBe(true);
    expect(existsSync(join(cwd, "offramp-report.html"))).toBe(true);
    const doc = ReportDocument.parse(JSON.parse(readFileSync(join(cwd, "offramp-report.json"), "utf8")));
    expect(new Set(doc.inputs.map((i) => i.format)).size).toBeGreaterThanOrEqual(8);
    expect(doc.issues.filter((i) => i.severity !== "info")).toEqual([]);
    expect(doc.findings.some((f) => f.class === "network" && f.updateAfterCutoff)).toBe(true);
  });

  it("verifies the catalogue", () => {
    const r = run(["catalog", "verify"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 problem\(s\)/);
  });
});
