import { blocklist, blocklistNotes, byRule, type ListEntry } from "./blocklist.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

/**
 * Unbound local zones: `always_nxdomain` for a name and everything under it; an exact name gets
 * local-data (null addresses) in the transparent zone Unbound makes for it, so names under it still
 * resolve; `transparent` hands a more specific name back to normal resolution.
 */
function lines(plan: ExportPlan, list: readonly ListEntry[], pass: boolean): string[] {
  return byRule(
    plan,
    list,
    (note) => `    # ${note}`,
    (e) =>
      pass
        ? [`    local-zone: "${e.host}." transparent`]
        : e.match === "suffix"
          ? [`    local-zone: "${e.host}." always_nxdomain`]
          : [`    local-data: "${e.host}. A 0.0.0.0"`, `    local-data: "${e.host}. AAAA ::"`],
  );
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
