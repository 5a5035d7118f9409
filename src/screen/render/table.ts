/** Terminal table: band, score, the row's name and the best hit; control characters stripped. */
import { safeText } from "../../report/render/table.js";
import type { ScreenReport } from "../report.js";

function cell(s: string, n: number): string {
  const t = safeText(s);
  const cut = t.length > n ? `${t.slice(0, n - 1)}…` : t;
  return cut + " ".repeat(Math.max(0, n - cut.length));
}

const COLOUR = { match: 31, review: 33, none: 2 } as const;

export function renderScreenTable(report: ScreenReport, options: { colour: boolean; all?: boolean }): string {
  const out: string[] = [];
  const s = report.summary;
  out.push(
    `Screened ${report.rows.length} row(s) against ${report.lists.parties} listed parties: ${s.match} match, ${s.review} review, ${s.none} none`,
  );
  out.push(`${cell("BAND", 7)} ${cell("SCORE", 5)} ${cell("NAME", 40)} BEST HIT`);
  for (const r of report.rows) {
    if (!options.all && r.band === "none") continue;
    const top = r.hits[0];
    const hit = top ? `${top.sourceCode}: ${top.listName}` : r.family ? "family rule" : "";
    const band = options.colour ? `\u001b[${COLOUR[r.band]}m${cell(r.band, 7)}\u001b[0m` : cell(r.band, 7);
    out.push(`${band} ${cell(r.score.toFixed(2), 5)} ${cell(r.name, 40)} ${safeText(hit)}`);
    if (top) out.push(`        ${safeText(top.explanation)}`);
    if (r.family) out.push(`        ${safeText(r.family)}`);
  }
  if (!options.all && s.none > 0) out.push(`(${s.none} row(s) with no hit not shown; --all shows them)`);
  for (const i of report.issues.slice(0, 20)) {
    out.push(`issue: ${safeText(i.file)}${i.line ? `:${i.line}` : ""} ${i.code}: ${safeText(i.message)}`);
  }
  return `${out.join("\n")}\n`;
}
