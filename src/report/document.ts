import type { Catalog } from "../catalog/load.js";
import { REPORT_SCHEMA_ID, type ReportDocument } from "../model/report.js";
import type { ScanResult } from "../scan/run.js";
import { TOOL_VERSION } from "../version.js";

/** The report as data: every renderer (table, JSON, CSV, SARIF, Markdown, HTML) reads this. */
export type Report = ReportDocument;

export function buildReport(scan: ScanResult, catalog: Catalog, asOf: string, profiles: string[]): Report {
  return {
    schema: REPORT_SCHEMA_ID,
    tool: { name: "offramp", version: TOOL_VERSION },
    catalog: { name: catalog.manifest.name, version: catalog.manifest.version, digest: catalog.digest },
    asOf,
    profile: profiles,
    inputs: scan.inputs,
    hosts: scan.hosts,
    findings: scan.findings,
    suppressed: scan.suppressed,
    issues: scan.issues,
  };
}
