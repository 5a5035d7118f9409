import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

/**
 * The lines every export opens with: what it is, which catalogue made it (version and digest, so a
 * rule found in a SIEM can be traced back), how low-confidence rows were handled, and what the
 * engine cannot express.
 */
export function headerLines(plan: ExportPlan, exporter: Exporter, extra: readonly string[] = []): string[] {
  const c = plan.catalog;
  const lines = [
    `offramp export ${exporter.id}: ${exporter.title}`,
    `catalogue ${c.name} ${c.version} (released ${c.released}), sha256 ${c.digest}`,
    `Generated from the catalogue: regenerate with \`offramp export ${exporter.id}\` instead of editing.`,
    plan.includeLow
      ? 'Low-confidence rows are included and marked "low" (leave them out with --no-include-low).'
      : `Low-confidence rows are left out (--no-include-low): ${plan.leftOut.join(", ") || "none"}.`,
  ];
  if (exporter.limits.length > 0) lines.push("Limits:", ...exporter.limits.map((l) => `- ${l}`));
  return [...lines, ...extra];
}

/** Prefixes each line with the engine's comment marker; empty lines keep the bare marker. */
export function commentBlock(lines: readonly string[], marker: string): string {
  return lines.map((l) => (l.length > 0 ? `${marker} ${l}` : marker)).join("\n");
}

/** Source ids as one space-separated token list. */
export function sourceList(ids: readonly string[]): string {
  return ids.join(" ");
}

/** The first web address the manifest gives for each source id (for `references` lists). */
export function sourceUrls(plan: ExportPlan, ids: readonly string[]): string[] {
  const urls: string[] = [];
  for (const id of ids) {
    const m = /https?:\/\/[^\s;,)]+/.exec(plan.sourceText[id] ?? "");
    if (m && !urls.includes(m[0])) urls.push(m[0]);
  }
  return urls;
}

/** `low` or `normal`, as every exported row states it. */
export function confidenceOf(row: { low: boolean }): "low" | "normal" {
  return row.low ? "low" : "normal";
}
