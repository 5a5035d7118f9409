import type { Finding } from "../../model/finding.js";
import type { ReportDocument } from "../../model/report.js";

export interface TableOptions {
  colour: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;
type Style = keyof typeof CODES;

/** Strips control characters so a host or program name cannot drive the terminal. */
export function safeText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "?");
}

function pad(s: string, n: number): string {
  const t = s.length > n ? `${s.slice(0, n - 1)}…` : s;
  return t + " ".repeat(Math.max(0, n - t.length));
}

/** A terminal summary: inputs, then findings by host with the strongest evidence for each. */
export function renderTable(report: ReportDocument, options: TableOptions): string {
  const paint = (style: Style, s: string) => (options.colour ? `\u001b[${CODES[style]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  out.push(
    paint("bold", `offramp ${report.tool.version}`) +
      `  catalogue ${report.catalog.version}  as of ${report.asOf}  profile ${report.profile.join(", ")}`,
  );
  out.push("");
  out.push(paint("bold", "Inputs"));
  for (const i of report.inputs) {
    const issues = i.issues > 0 ? paint("yellow", `  ${i.issues} bad record(s)`) : "";
    out.push(
      `  ${pad(safeText(i.file), 58)} ${pad(i.format, 16)} ${String(i.records).padStart(9)} records${issues}`,
    );
  }
  const flagged = report.hosts.filter((h) => h.findings > 0).length;
  out.push("");
  out.push(
    paint("bold", "Summary") +
      `  ${report.hosts.length} host(s) seen, ${flagged} with findings, ${report.findings.length} finding(s), ${report.issues.filter((i) => i.severity !== "info").length} issue(s)`,
  );
  const byHost = new Map<string, Finding[]>();
  for (const f of report.findings) byHost.set(f.host, [...(byHost.get(f.host) ?? []), f]);
  for (const [host, findings] of byHost) {
    out.push("");
    out.push(paint("bold", safeText(host)));
    for (const f of findings) {
      const colour: Style =
        f.scope !== "covered"
          ? "dim"
          : f.confidence === "confirmed"
            ? "red"
            : f.confidence === "likely"
              ? "yellow"
              : "cyan";
      const statuses = [...new Set(f.assessments.map((a) => a.status))].join(", ");
      out.push(
        `  ${paint(colour, pad(f.confidence, 10))} ${pad(f.class, 11)} ${pad(safeText(f.productName), 56)} ${statuses}`,
      );
      const e = f.evidence[0];
      if (e) {
        const where = `${e.file}${e.line ? `:${e.line}` : e.record ? `#${e.record}` : ""}`;
        out.push(
          paint("dim", `             ${e.field} "${safeText(e.value)}" (${e.signature}) ${safeText(where)}`),
        );
        if (f.evidence.length > 1)
          out.push(paint("dim", `             +${f.evidence.length - 1} more evidence`));
      }
    }
  }
  if (report.screening && report.screening.parties.length > 0) {
    out.push("");
    out.push(paint("bold", "Suppliers and publishers on screening lists"));
    for (const p of report.screening.parties.slice(0, 20)) {
      const hit = p.hits[0];
      const listed = hit ? `${hit.listName}: ${safeText(hit.party)}` : (p.family ?? "");
      out.push(
        `  ${paint(p.band === "match" ? "red" : "yellow", pad(p.band, 7))} ${pad(safeText(p.name), 40)} ${pad(listed, 48)} ${p.hosts.length} host(s)`,
      );
    }
  }
  if (report.screening?.lists.note)
    out.push(paint("dim", `  screening: ${safeText(report.screening.lists.note)}`));
  if (report.issues.length > 0) {
    out.push("");
    out.push(paint("bold", "Issues and notes"));
    for (const i of report.issues.slice(0, 20)) {
      const tag = i.severity === "info" ? paint("dim", "note ") : "";
      out.push(`  ${tag}${safeText(i.file)}${i.line ? `:${i.line}` : ""}  ${i.code}: ${safeText(i.message)}`);
    }
    if (report.issues.length > 20) out.push(`  … ${report.issues.length - 20} more in the JSON report`);
  }
  return `${out.join("\n")}\n`;
}
