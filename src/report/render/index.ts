import type { RegimeSet } from "../../catalog/regimes.js";
import type { ReportDocument } from "../../model/report.js";
import { buildView, type HistoryPoint } from "../view.js";
import { renderCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderTable } from "./table.js";

export const REPORT_FORMATS = ["table", "json", "csv", "sarif", "md", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const EXTENSIONS: Record<ReportFormat, string> = {
  table: "txt",
  json: "json",
  csv: "csv",
  sarif: "sarif",
  md: "md",
  html: "html",
};

export interface RenderContext {
  regimes: RegimeSet;
  colour?: boolean;
  history?: HistoryPoint[];
}

/** One document, one renderer per format. */
export function renderReport(report: ReportDocument, format: ReportFormat, ctx: RenderContext): string {
  switch (format) {
    case "table":
      return renderTable(report, { colour: ctx.colour ?? false });
    case "json":
      return renderJson(report);
    case "csv":
      return renderCsv(report);
    case "sarif":
      return renderSarif(report);
    case "md":
      return renderMarkdown(buildView(report, ctx.regimes, ctx.history), ctx.regimes.alternatives);
    case "html":
      return renderHtml(buildView(report, ctx.regimes, ctx.history), ctx.regimes.alternatives);
  }
}
