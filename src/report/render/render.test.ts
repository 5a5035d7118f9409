import { describe, expect, it } from "vitest";
import {
  ESTATE_CSV,
  estateReport,
  FORMULA_HOST,
  HOSTILE_HOST,
} from "../../../test/fixtures/report-estate.js";
import { catalog } from "../../../test/scan-helpers.js";
import { ReportDocument } from "../../model/report.js";
import { REPORT_FORMATS, renderReport } from "./index.js";

const ctx = { regimes: catalog.regimes };

describe("report renderers", () => {
  it("the fixture estate has the findings the tests rely on", async () => {
    const r = await estateReport();
    expect(ESTATE_CSV).toContain(HOSTILE_HOST);
    // code-unit order: "<" before "=" before "@" before letters
    expect(r.findings.map((f) => [f.host, f.product])).toEqual([
      [HOSTILE_HOST.toLowerCase(), "kaspersky-endpoint-security-windows"],
      [HOSTILE_HOST.toLowerCase(), "kaspersky-network-agent"],
      [FORMULA_HOST.toLowerCase(), "kaspersky-free"],
      ["@sum(a1)", "kaspersky-endpoint-security-windows"],
      ["mac-07", "kaspersky-internet-security-mac"],
    ]);
  });

  it("gives the same bytes for the same inputs and options, in every format", async () => {
    for (const format of REPORT_FORMATS) {
      const a = renderReport(await estateReport(), format, ctx);
      const b = renderReport(await estateReport(), format, ctx);
      expect(a, format).toBe(b);
    }
  });

  it("JSON validates against the report schema and states versions, profile, date and digests", async () => {
    const doc = ReportDocument.parse(JSON.parse(renderReport(await estateReport(), "json", ctx)));
    expect(doc.tool.name).toBe("offramp");
    expect(doc.catalog.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.catalog.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.asOf).toBe("2024-11-15");
    expect(doc.profile).toEqual(["us-private"]);
    expect(doc.inputs[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.inputs[0]!.records).toBe(6);
  });

  it("CSV has one row per finding and neutralises formulas", async () => {
    const csv = renderReport(await estateReport(), "csv", ctx);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 5);
    expect(lines.slice(1).every((l) => !/^[=+\-@]/.test(l))).toBe(true);
    expect(csv).not.toMatch(/(^|,)"?[=@]/m);
    expect(csv).toContain(`"'${FORMULA_HOST.toLowerCase().replace(/"/g, '""')}"`);
    expect(csv).toContain("\n'@sum(a1),");
    expect(lines[1]).toContain("unsupported");
  });

  it("SARIF 2.1.0 has a rule per product, a result per finding, and inputs with SHA-256", async () => {
    const sarif = JSON.parse(
      renderReport(await estateReport("2024-11-15", ["us-federal-agency"]), "sarif", ctx),
    );
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      "kaspersky-endpoint-security-windows",
      "kaspersky-free",
      "kaspersky-internet-security-mac",
      "kaspersky-network-agent",
    ]);
    expect(run.results).toHaveLength(5);
    expect(run.results.every((x: { level: string }) => x.level === "error")).toBe(true);
    const img = run.results.find(
      (x: { properties: { host: string } }) => x.properties.host === HOSTILE_HOST.toLowerCase(),
    );
    expect(img.locations[0].physicalLocation.region.startLine).toBe(2);
    expect(run.artifacts[0].hashes["sha-256"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("Markdown and HTML escape every value from the inputs", async () => {
    const r = await estateReport();
    const md = renderReport(r, "md", ctx);
    const html = renderReport(r, "html", ctx);
    for (const out of [md, html]) {
      expect(out).not.toContain("<img");
      expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    }
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/[^"]*\.(css|js)/); // nothing fetched
  });

  it("HTML has the sections an auditor needs", async () => {
    const html = renderReport(await estateReport(), "html", ctx);
    for (const id of [
      "summary",
      "deadlines",
      "burn-down",
      "hosts",
      "regimes",
      "next-steps",
      "evidence-grade",
    ]) {
      expect(html).toContain(`<section id="${id}">`);
    }
    expect(html).toContain("89 FR 52434");
    expect(html).toContain("Microsoft Defender Antivirus");
    expect(html).toContain("no inventory names a linux host");
  });

  it("the timeline shows deadlines ahead and passed for the chosen date", async () => {
    const before = renderReport(await estateReport("2024-08-01"), "html", ctx);
    expect(before).toMatch(/<b>2024-09-29<\/b> — No signature or code updates/);
    expect(before).not.toMatch(/2024-09-29<\/b>[^<]*— passed/);
  });
});

describe("JSON in pieces", () => {
  it("writes exactly the bytes JSON.stringify would", async () => {
    const { jsonChunks } = await import("./json.js");
    const r = await estateReport();
    expect([...jsonChunks(r)].join("")).toBe(`${JSON.stringify(r, null, 2)}\n`);
    const empty = { ...r, findings: [], hosts: [], issues: [] };
    expect([...jsonChunks(empty)].join("")).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });
});
