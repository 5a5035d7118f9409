import type { Alternatives } from "../../model/regime.js";
import { escapeMd } from "../escape.js";
import { platformsWithFindings, type ReportView } from "../view.js";

/** A Markdown report for tickets and wikis; every input value escaped (inline HTML included). */
export function renderMarkdown(view: ReportView, alternatives?: Alternatives): string {
  const d = view.doc;
  const out: string[] = [];
  out.push("# offramp report", "");
  out.push(
    `Tool offramp ${escapeMd(d.tool.version)} · catalogue ${escapeMd(d.catalog.name)} ${escapeMd(d.catalog.version)} (sha256 ${escapeMd(d.catalog.digest.slice(0, 16))}…) · as of ${escapeMd(d.asOf)} · profile ${escapeMd(d.profile.join(", "))}`,
    "",
  );
  out.push("## Summary", "");
  out.push(
    `${d.hosts.length} host(s) seen; ${view.hosts.length} with findings; ${d.findings.length} finding(s).`,
    "",
  );
  out.push("| Status | Hosts |", "|---|---:|");
  for (const s of view.hostsByStatus) out.push(`| ${escapeMd(s.status)} | ${s.hosts} |`);
  out.push("", "| Product | Hosts | Findings |", "|---|---:|---:|");
  for (const p of view.products) out.push(`| ${escapeMd(p.name)} | ${p.hosts} | ${p.findings} |`);
  if (view.deadlines.length > 0) {
    out.push("", "## Deadlines", "", "| Date | What | Regime | Findings | |", "|---|---|---|---:|---|");
    for (const x of view.deadlines) {
      out.push(
        `| ${escapeMd(x.date)} | ${escapeMd(x.what)} | ${escapeMd(x.regime)} | ${x.findings} | ${x.passed ? "passed" : "ahead"} |`,
      );
    }
  }
  out.push("", "## Findings by host", "");
  for (const h of view.hosts) {
    out.push(`### ${escapeMd(h.host.id)}${h.status ? ` — ${escapeMd(h.status)}` : ""}`, "");
    out.push(
      "| Product | Class | Confidence | Status | Obligation | Deadline |",
      "|---|---|---|---|---|---|",
    );
    for (const f of h.findings) {
      const a = f.assessments[0];
      out.push(
        `| ${escapeMd(f.productName)} | ${escapeMd(f.class)} | ${escapeMd(f.confidence)} | ${escapeMd(a?.status ?? "—")} | ${escapeMd(a?.obligation ?? "No regime of the chosen profile applies on this date.")} | ${escapeMd(a?.deadline?.slice(0, 10) ?? "")} |`,
      );
    }
    out.push("", "Evidence:", "");
    for (const f of h.findings) {
      for (const e of f.evidence.slice(0, 10)) {
        out.push(
          `- ${escapeMd(f.productName)}: ${escapeMd(e.field)} “${escapeMd(e.value)}” (${escapeMd(e.signature)}) in ${escapeMd(e.file)}${e.line ? `:${e.line}` : ""}`,
        );
      }
      if (f.evidence.length > 10) out.push(`- … ${f.evidence.length - 10} more in the JSON report`);
    }
    out.push("");
  }
  if (d.screening) {
    out.push("## Suppliers and publishers on screening lists", "");
    out.push(
      `${d.screening.screened} distinct name(s) screened against ${d.screening.lists.parties} listed parties (${escapeMd(d.screening.lists.source)}).`,
      "",
    );
    if (d.screening.lists.note) out.push(`Note: ${escapeMd(d.screening.lists.note)}`, "");
    if (d.screening.parties.length > 0) {
      out.push("| Name | Band | Score | Listed as | Hosts |", "|---|---|---:|---|---:|");
      for (const p of d.screening.parties) {
        const hit = p.hits[0];
        out.push(
          `| ${escapeMd(p.name)} | ${escapeMd(p.band)} | ${p.score.toFixed(2)} | ${escapeMd(hit ? `${hit.listName}: ${hit.party}` : (p.family ?? ""))} | ${p.hosts.length} |`,
        );
      }
      out.push("");
    }
  }
  out.push("## Regimes and citations", "");
  for (const r of view.regimes)
    out.push(`- **${escapeMd(r.name)}** (${escapeMd(r.force)}): ${escapeMd(r.citation)}`);
  out.push("", "## Inputs", "", "| File | Format | Records | Issues | SHA-256 |", "|---|---|---:|---:|---|");
  for (const i of d.inputs) {
    out.push(
      `| ${escapeMd(i.file)} | ${escapeMd(i.format)} | ${i.records} | ${i.issues} | \`${escapeMd(i.digest)}\` |`,
    );
  }
  out.push("", "## Not covered", "");
  if (view.gaps.length === 0) out.push("Nothing known to be missing.");
  for (const g of view.gaps) out.push(`- ${escapeMd(g.text)}`);
  if (alternatives) {
    out.push("", "## What to do next", "");
    for (const p of alternatives.platforms.filter((x) => platformsWithFindings(view).includes(x.platform))) {
      out.push(`### ${escapeMd(p.platform)}`, "");
      for (const g of p.guidance) out.push(`- ${escapeMd(g)}`);
      for (const prod of p.products)
        out.push(
          `- Example: ${escapeMd(prod.name)} (${escapeMd(prod.vendor)}; ${escapeMd(prod.category)}) — ${prod.sources.map((s) => `[${escapeMd(s.title)}](${encodeURI(s.url)})`).join(", ")}`,
        );
      out.push("");
    }
  }
  return `${out.join("\n")}\n`;
}
