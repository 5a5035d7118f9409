/** A self-contained HTML page (no scripts, no external resources); every value escaped. */
import { escapeHtml as h } from "../../report/escape.js";
import type { ScreenReport } from "../report.js";

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
.match{background:#fdd}.review{background:#ffd}.none{color:#777}small{color:#555}code{font-size:12px}`;

export function renderScreenHtml(report: ScreenReport): string {
  const s = report.summary;
  const rows = report.rows
    .map((r) => {
      const hits = r.hits
        .map(
          (x) =>
            `<div><b>${h(x.band)} ${h(x.score)}</b> ${h(x.sourceCode)}: ${h(x.listName)}<br><small>${h(x.basis)}</small><br><code>${h(x.explanation)}</code></div>`,
        )
        .join("");
      const family = r.family ? `<div><code>${h(r.family)}</code></div>` : "";
      return `<tr class="${h(r.band)}"><td>${h(r.band)}</td><td>${h(r.score)}</td><td>${h(r.name)}<br><small>${h(r.file)} #${h(r.record)}</small></td><td>${hits}${family}</td></tr>`;
    })
    .join("\n");
  const files = report.lists.files.map(
    (f) => `${h(f.path)} (${h(f.format)}, ${h(f.records)} records, sha256 ${h(f.sha256)})`,
  );
  const cache = report.lists.cache
    ? report.lists.cache.sources.map(
        (c) => `${h(c.id)} ${h(c.url)} fetched ${h(c.fetchedAt)}, sha256 ${h(c.sha256)}`,
      )
    : [];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>offramp screening</title><style>${STYLE}</style></head><body>
<h1>Supplier screening</h1>
<p>${h(report.rows.length)} row(s) against ${h(report.lists.parties)} listed parties: <b>${h(s.match)} match</b>, ${h(s.review)} review, ${h(s.none)} none. Thresholds: match ≥ ${h(report.thresholds.match)}, review ≥ ${h(report.thresholds.review)}.</p>
<p><small>Lists: ${[...files, ...cache].join("; ") || "catalogue entities only"}. offramp ${h(report.tool.version)}.</small></p>
<table><thead><tr><th>Band</th><th>Score</th><th>Name</th><th>Hits and why</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
