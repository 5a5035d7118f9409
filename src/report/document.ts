import { assessFindings } from "../assess/assess.js";
import type { Catalog } from "../catalog/load.js";
import { REPORT_SCHEMA_ID, type ReportDocument, type ScreeningSummary } from "../model/report.js";
import type { ScanResult } from "../scan/run.js";
import { TOOL_VERSION } from "../version.js";

/** The report as data: every renderer (table, JSON, CSV, SARIF, Markdown, HTML) reads this. */
export type Report = ReportDocument;

export function buildReport(
  scan: ScanResult,
  catalog: Catalog,
  asOf: string,
  profiles: string[],
  screening?: ScreeningSummary,
): Report {
  return {
    schema: REPORT_SCHEMA_ID,
    tool: { name: "offramp", version: TOOL_VERSION },
    catalog: { name: catalog.manifest.name, version: catalog.manifest.version, digest: catalog.digest },
    asOf,
    profile: profiles,
    inputs: scan.inputs,
    hosts: scan.hosts,
    findings: assessFindings(scan.findings, {
      regimes: catalog.regimes.regimes,
      profiles,
      asOf,
      products: catalog.products,
      hostPlatforms: new Map(scan.hosts.map((h) => [h.id, h.platforms])),
    }),
    suppressed: scan.suppressed,
    ...(screening && { screening }),
    issues: scan.issues,
  };
}
