import { overallStatus, statusRank } from "../../assess/severity.js";
import type { ReportDocument } from "../../model/report.js";
import { csvCell } from "../csv-cell.js";

const HEADER = [
  "host",
  "product",
  "product_name",
  "vendor",
  "class",
  "confidence",
  "scope",
  "status",
  "deadline",
  "obligation",
  "citation",
  "assessments",
  "first_seen",
  "last_seen",
  "evidence_count",
  "evidence",
  "finding_id",
];

/** One row per finding; every cell that a spreadsheet could run as a formula is neutralised. */
export function renderCsv(report: ReportDocument): string {
  const rows = [HEADER.join(",")];
  for (const f of report.findings) {
    const top = [...f.assessments].sort((a, b) => statusRank(a.status) - statusRank(b.status))[0];
    const deadlines = f.assessments
      .map((a) => a.deadline)
      .filter((d): d is string => !!d)
      .sort();
    const e = f.evidence[0];
    const evidence = e ? `${e.file}${e.line ? `:${e.line}` : ""} ${e.field}=${e.value}` : "";
    rows.push(
      [
        f.host,
        f.product,
        f.productName,
        f.vendor,
        f.class,
        f.confidence,
        f.scope,
        overallStatus(f.assessments) ?? "",
        deadlines[0] ?? "",
        top?.obligation ?? "",
        top?.citation ?? "",
        f.assessments.map((a) => `${a.regime}:${a.status}`).join("; "),
        f.firstSeen ?? "",
        f.lastSeen ?? "",
        f.evidence.length,
        evidence,
        f.id,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}
