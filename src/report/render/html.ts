import type { AssessmentStatus, Finding } from "../../model/finding.js";
import type { Alternatives } from "../../model/regime.js";
import { escapeHtml as h } from "../escape.js";
import { type HistoryPoint, platformsWithFindings, type ReportView } from "../view.js";

const STATUS_CLASS: Record<AssessmentStatus | "none", string> = {
  prohibited: "s-red",
  "must-remove": "s-red",
  "winding-down": "s-amber",
  unsupported: "s-amber",
  "advised-removal": "s-amber",
  exempt: "s-grey",
  "not-covered": "s-grey",
  none: "s-grey",
};

const CSS = `
:root{--fg:#1b1f24;--muted:#5b6470;--line:#d7dbe0;--red:#b42318;--amber:#b54708;--grey:#475467;--bg:#fff}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:var(--muted);font-size:12px}table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f5f7;font-weight:600}td.n{text-align:right}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.badge{display:inline-block;padding:1px 6px;border-radius:8px;font-size:12px;font-weight:600;color:#fff}.s-red{background:var(--red)}.s-amber{background:var(--amber)}.s-grey{background:var(--grey)}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:120px}.card b{display:block;font-size:22px}
details{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:6px 0}summary{cursor:pointer;font-weight:600}
.timeline li{margin:2px 0}.passed{color:var(--muted)}.muted{color:var(--muted)}svg text{font:11px system-ui,sans-serif;fill:var(--muted)}
@media print{body{max-width:none;padding:0}details{break-inside:avoid}details>*{display:block}a{color:inherit}}
`;

function badge(status: AssessmentStatus | "none" | undefined): string {
  const s = status ?? "none";
  return `<span class="badge ${STATUS_CLASS[s]}">${h(s)}</span>`;
}

function burnDown(history: HistoryPoint[]): string {
  if (history.length < 2) {
    return `<p class="muted">No history yet. Run <code>offramp ingest</code> into a workspace over time and render the report from <code>offramp serve</code> to see open items fall day by day.</p>`;
  }
  const w = 640;
  const ht = 160;
  const max = Math.max(1, ...history.map((p) => p.open));
  const x = (i: number) => 30 + (i * (w - 40)) / (history.length - 1);
  const y = (v: number) => ht - 20 - (v * (ht - 40)) / max;
  const points = history.map((p, i) => `${x(i).toFixed(1)},${y(p.open).toFixed(1)}`).join(" ");
  const first = history[0]!;
  const last = history[history.length - 1]!;
  return `<svg role="img" aria-label="Open work items per day" width="${w}" height="${ht}" viewBox="0 0 ${w} ${ht}">
<polyline fill="none" stroke="#b42318" stroke-width="2" points="${points}"/>
<text x="30" y="${ht - 4}">${h(first.date)}</text><text x="${w - 80}" y="${ht - 4}">${h(last.date)}</text>
<text x="2" y="${y(max) + 4}">${max}</text><text x="2" y="${y(0)}">0</text></svg>`;
}

function findingRows(findings: Finding[]): string {
  return findings
    .map((f) => {
      const a = f.assessments[0];
      return `<tr><td>${h(f.productName)}</td><td>${h(f.class)}</td><td>${h(f.confidence)}</td><td>${badge(a?.status)}</td><td>${h(a?.obligation ?? "No regime of the chosen profile applies on this date.")}</td><td>${h(a?.deadline?.slice(0, 10) ?? "")}</td></tr>`;
    })
    .join("");
}

function evidenceList(findings: Finding[]): string {
  const items: string[] = [];
  for (const f of findings) {
    for (const e of f.evidence.slice(0, 25)) {
      items.push(
        `<li>${h(f.productName)}: <code>${h(e.field)}</code> “${h(e.value)}” <span class="muted">(${h(e.signature)}, ${h(e.weight)}) in ${h(e.file)}${e.line ? `:${e.line}` : e.record ? ` record ${e.record}` : ""}${e.at ? ` at ${h(e.at)}` : ""}</span></li>`,
      );
    }
    if (f.evidence.length > 25)
      items.push(`<li class="muted">… ${f.evidence.length - 25} more in the JSON report</li>`);
    for (const s of f.suppressed ?? []) {
      items.push(`<li class="muted">set aside: ${h(s.signature)} “${h(s.value)}” — ${h(s.reason)}</li>`);
    }
  }
  return `<ul>${items.join("")}</ul>`;
}

/**
 * One self-contained HTML file: no script, no external resource, printable. Every value that came
 * from an input is escaped, so a host named `<img src=x onerror=alert(1)>` shows as text.
 */
export function renderHtml(view: ReportView, alternatives?: Alternatives): string {
  const d = view.doc;
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>offramp report — ${h(d.asOf)}</title><style>${CSS}</style></head><body>`);
  parts.push(
    `<header id="top"><h1>offramp report</h1><p class="meta">offramp ${h(d.tool.version)} · catalogue ${h(d.catalog.name)} ${h(d.catalog.version)} (sha256 <code>${h(d.catalog.digest)}</code>) · as of <b>${h(d.asOf)}</b> · profile <b>${h(d.profile.join(", "))}</b></p></header>`,
  );

  parts.push(`<section id="summary"><h2>Summary</h2><div class="cards">
<div class="card"><b>${d.hosts.length}</b>hosts seen</div><div class="card"><b>${view.hosts.length}</b>hosts with findings</div>
<div class="card"><b>${view.covered.length}</b>covered findings</div><div class="card"><b>${d.issues.length}</b>input issues</div></div>
<h3>Hosts by status</h3><table><tr><th>Status</th><th>Hosts</th></tr>${view.hostsByStatus.map((s) => `<tr><td>${badge(s.status)}</td><td class="n">${s.hosts}</td></tr>`).join("")}</table>
<h3>Products</h3><table><tr><th>Product</th><th>Hosts</th><th>Findings</th></tr>${view.products.map((p) => `<tr><td>${h(p.name)}</td><td class="n">${p.hosts}</td><td class="n">${p.findings}</td></tr>`).join("")}</table></section>`);

  parts.push(
    `<section id="deadlines"><h2>Deadlines</h2>${
      view.deadlines.length === 0
        ? `<p class="muted">No deadline applies to these findings under the chosen profile on this date.</p>`
        : `<ol class="timeline">${view.deadlines.map((x) => `<li class="${x.passed ? "passed" : ""}"><b>${h(x.date)}</b> — ${h(x.what)} (${h(x.regime)}; ${x.findings} finding(s))${x.passed ? " — passed" : ""}</li>`).join("")}</ol>`
    }</section>`,
  );

  parts.push(`<section id="burn-down"><h2>Burn-down</h2>${burnDown(view.history)}</section>`);

  parts.push(
    `<section id="hosts"><h2>Findings by host</h2>${view.hosts
      .map(
        (
          x,
        ) => `<details${view.hosts.length <= 25 ? " open" : ""}><summary>${h(x.host.id)} ${badge(x.status)} <span class="muted">${h(x.host.platforms.join(", "))} · seen in ${h(x.host.sources.join(", "))}</span></summary>
<table><tr><th>Product</th><th>Class</th><th>Confidence</th><th>Status</th><th>Obligation</th><th>Deadline</th></tr>${findingRows(x.findings)}</table>
<h3>Evidence</h3>${evidenceList(x.findings)}</details>`,
      )
      .join("")}</section>`,
  );

  parts.push(
    `<section id="regimes"><h2>Regimes and citations</h2>${
      view.regimes.length === 0
        ? `<p class="muted">No regime of the chosen profile applies to these findings on this date.</p>`
        : `<table><tr><th>Regime</th><th>Force</th><th>Citation</th><th>Reaches</th><th>Assessments</th></tr>${view.regimes.map((r) => `<tr><td>${h(r.name)}</td><td>${h(r.force)}</td><td>${h(r.citation)}</td><td>${h(r.reaches)}</td><td class="n">${r.used}</td></tr>`).join("")}</table>`
    }</section>`,
  );

  const next = alternatives?.platforms.filter((p) => platformsWithFindings(view).includes(p.platform)) ?? [];
  parts.push(
    `<section id="next-steps"><h2>What to do next</h2>${
      next.length === 0
        ? `<p class="muted">Guidance appears per platform once findings name the host's platform.</p>`
        : next
            .map(
              (p) =>
                `<h3>${h(p.platform)}</h3><ul>${p.guidance.map((g) => `<li>${h(g)}</li>`).join("")}${p.products
                  .map(
                    (x) =>
                      `<li>Example: <b>${h(x.name)}</b> (${h(x.vendor)}; ${h(x.category)}) — ${x.sources.map((s) => `<a href="${h(s.url)}">${h(s.title)}</a>`).join(", ")}</li>`,
                  )
                  .join("")}</ul>`,
            )
            .join("")
    }</section>`,
  );

  parts.push(`<section id="evidence-grade"><h2>Inputs and coverage</h2>
<table><tr><th>File</th><th>Format</th><th>Encoding</th><th>Records</th><th>Issues</th><th>SHA-256</th></tr>${d.inputs.map((i) => `<tr><td>${h(i.file)}</td><td>${h(i.format)}</td><td>${h(i.encoding)}</td><td class="n">${i.records}</td><td class="n">${i.issues}</td><td><code>${h(i.digest)}</code></td></tr>`).join("")}</table>
<h3>Not covered</h3>${view.gaps.length === 0 ? `<p>Nothing known to be missing.</p>` : `<ul>${view.gaps.map((g) => `<li>${h(g.text)}</li>`).join("")}</ul>`}
${
  d.issues.length > 0
    ? `<h3>Issues</h3><ul>${d.issues
        .slice(0, 200)
        .map(
          (i) =>
            `<li><code>${h(i.file)}${i.line ? `:${i.line}` : ""}</code> ${h(i.code)}: ${h(i.message)}</li>`,
        )
        .join("")}</ul>`
    : ""
}
<p class="meta">The same inputs and options produce the same report, byte for byte. Attestation: ____________________ (name, role, date)</p></section>`);

  parts.push("</body></html>\n");
  return parts.join("\n");
}
