import type { ReportDocument } from "../../model/report.js";

/** The documented JSON form (schema/report.schema.json); key order is fixed by construction. */
export function renderJson(report: ReportDocument): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
