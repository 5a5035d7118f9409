import { blocklist, blocklistNotes, type ListEntry, ruleNote } from "./blocklist.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

/**
 * Unbound local zones: `always_nxdomain` for a name and everything under it; an exact name gets
 * local-data (null addresses) in the transparent zone Unbound makes for it, so names under it still
 * resolve; `transparent` hands a more specific name back to normal resolution.
 */
function lines(plan: ExportPlan, list: readonly ListEntry[], pass: boolean): string[] {
  const out: string[] = [];
  let last: string | undefined;
  for (const e of [...list].sort(
    (a, b) => a.rule.id.localeCompare(b.rule.id) || a.host.localeCompare(b.host),
  )) {
    if (e.rule.id !== last) out.push("", `    # ${ruleNote(plan, e.rule)}`);
    last = e.rule.id;
    if (pass) out.push(`    local-zone: "${e.host}." transparent`);
    else if (e.match === "suffix") out.push(`    local-zone: "${e.host}." always_nxdomain`);
    else out.push(`    local-data: "${e.host}. A 0.0.0.0"`, `    local-data: "${e.host}. AAAA ::"`);
  }
  return out;
}

export const unbound: Exporter = {
  id: "unbound",
  title: "Unbound local-zone blocklist (server: clause)",
  file: "kaspersky-unbound.conf",
  limits: [
    "Exact names answer 0.0.0.0 / :: (local-data) rather than NXDOMAIN, so that names under them keep resolving as the catalogue's exact rules ask.",
    "DNS blocking only sees names resolved through this server: Kaspersky's fallback to public resolvers bypasses it unless outbound DNS is blocked too.",
  ],
  render(plan: ExportPlan): string {
    const list = blocklist(plan);
    const header = headerLines(plan, unbound, [
      ...blocklistNotes(plan, list),
      "Include from unbound.conf (include: /etc/unbound/kaspersky-unbound.conf).",
    ]);
    return [
      commentBlock(header, "#"),
      "server:",
      ...lines(plan, list.block, false),
      ...(list.pass.length > 0
        ? ["", "    # names the catalogue gives to a public web site: resolve normally"]
        : []),
      ...lines(plan, list.pass, true),
      "",
    ].join("\n");
  },
};
