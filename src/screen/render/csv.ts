/** CSV: the row's own columns first, then the screening columns; every cell formula-neutralised. */
import { csvCell } from "../../report/csv-cell.js";
import type { ScreenReport } from "../report.js";

const EXTRA = [
  "screen_band",
  "screen_score",
  "screen_source",
  "screen_list_name",
  "screen_party",
  "screen_basis",
  "screen_family",
  "screen_explanation",
];

export function renderScreenCsv(report: ScreenReport): string {
  const own: string[] = [];
  for (const r of report.rows) for (const k of Object.keys(r.fields)) if (!own.includes(k)) own.push(k);
  const lines = [[...own, ...EXTRA].map(csvCell).join(",")];
  for (const r of report.rows) {
    const top = r.hits[0];
    const values = [
      ...own.map((k) => r.fields[k] ?? ""),
      r.band,
      r.score,
      top?.sourceCode ?? "",
      top?.listName ?? "",
      top?.party ?? "",
      top?.basis ?? "",
      r.family ?? "",
      top?.explanation ?? "",
    ];
    lines.push(values.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
