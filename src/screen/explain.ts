/** One-line, human-readable explanations of a screening hit and of a whole result. */
import type { FamilyMatch } from "./family-rule.js";
import type { ScreenHit, ScreenResult } from "./screener.js";

function pairText(p: ScreenHit["nameScore"]["pairs"][number]): string {
  const q = p.query.join(" ");
  const c = p.candidate.join(" ");
  switch (p.how) {
    case "exact":
    case "number":
      return q === c ? q : `${q}=${c}`;
    case "symbol":
      return `${q}~${c} (same word: ${p.detail})`;
    case "skeleton":
      return `${q}~${c} (spelling variant)`;
    case "merge":
      return `${q}~${c} (spacing)`;
    case "acronym":
      return `${q}~${c} (initials)`;
    case "initial":
      return `${q}~${c} (initial)`;
    default:
      return `${q}~${c} (${p.detail ?? "typo"}, ${p.sim})`;
  }
}

export function explainHit(hit: ScreenHit): string {
  const parts: string[] = [];
  parts.push(
    `${hit.party.sourceCode} "${hit.listName}"${hit.listNameKind === "primary" ? "" : ` (${hit.listNameKind} of "${hit.party.name}")`}`,
  );
  const ns = hit.nameScore;
  if (ns.pairs.length > 0) parts.push(`aligned ${ns.pairs.map(pairText).join(", ")}`);
  if (ns.unmatchedQuery.length > 0) parts.push(`only in query: ${ns.unmatchedQuery.join(" ")}`);
  if (ns.unmatchedCandidate.length > 0) parts.push(`only on list: ${ns.unmatchedCandidate.join(" ")}`);
  const lf = [
    ...hit.legalForms.query.map((f) => `"${f}"`),
    ...hit.legalForms.list.map((f) => `"${f}" (list)`),
  ];
  if (lf.length > 0) parts.push(`legal forms set aside: ${lf.join(", ")}`);
  if (hit.querySchemes !== "latin" && hit.querySchemes !== "-") parts.push(`romanised: ${hit.querySchemes}`);
  for (const f of ns.factors) {
    const eff = [f.factor !== 1 ? `×${f.factor}` : "", f.cap !== undefined ? `≤${f.cap}` : ""].filter(
      Boolean,
    );
    parts.push(`${f.rule}${f.detail ? ` (${f.detail})` : ""} ${eff.join(" ")}`.trimEnd());
  }
  for (const q of hit.qualifiers) {
    const eff =
      q.floor !== undefined
        ? `≥${q.floor}`
        : q.delta
          ? `${q.delta > 0 ? "+" : ""}${Math.round(q.delta * 100) / 100}`
          : "";
    parts.push(`${q.rule} (${q.detail})${eff ? ` ${eff}` : ""}`);
  }
  return parts.join("; ");
}

export function explainFamily(f: FamilyMatch): string {
  const basis = f.basis.map((b) => `${b.list}, ${b.citation}`).join("; ");
  return `${f.vendor} family rule: "${f.stem}" in ${f.field} "${f.value}" → at least review (${basis})`;
}

/** Legal basis of a hit: the list, its Federal Register notice and start date, or the catalogue's listings. */
export function basisOf(hit: ScreenHit): string {
  const p = hit.party;
  if (p.listings && p.listings.length > 0)
    return p.listings.map((l) => `${l.list}: ${l.citation}`).join("; ");
  return [
    p.source,
    p.frNotice,
    p.startDate && `from ${p.startDate}`,
    p.programs.length > 0 && p.programs.join(","),
  ]
    .filter(Boolean)
    .join("; ");
}

export function explainResult(r: ScreenResult): string {
  const lines: string[] = [];
  if (r.removed.length > 0) lines.push(`stripped from the query: ${r.removed.join(", ")}`);
  for (const h of r.hits) lines.push(`${h.band} ${h.score}: ${explainHit(h)}`);
  if (r.family) lines.push(explainFamily(r.family));
  return lines.join("\n");
}
