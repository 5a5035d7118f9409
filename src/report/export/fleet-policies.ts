import { stringify } from "yaml";
import { byText } from "../../match/order.js";
import { commentBlock, headerLines, sourceList } from "./header.js";
import { OSQUERY_LIMITS, osqueryNotExpressible } from "./osquery-pack.js";
import { matchSubquery, osqueryTables, type Platform, rulesFor } from "./osquery-sql.js";
import type { ExportPlan, InventoryRule } from "./plan.js";
import type { Exporter } from "./types.js";

const PLATFORMS: { id: Exclude<Platform, "all">; label: string }[] = [
  { id: "darwin", label: "macOS" },
  { id: "linux", label: "Linux" },
  { id: "windows", label: "Windows" },
];

interface Policy {
  name: string;
  description: string;
  resolution: string;
  query: string;
  platform: string;
  critical: boolean;
}

/**
 * A Fleet policy passes when its query returns a row: here, when none of the platform's tables
 * holds a row any covered rule matches. Exempt products and indicators (UltraAV) never fail it.
 */
function policy(
  plan: ExportPlan,
  platform: (typeof PLATFORMS)[number],
  rules: InventoryRule[],
  low: boolean,
) {
  const tables = osqueryTables(rules).filter((t) => t.platform === platform.id || t.platform === "all");
  const checks: string[] = [];
  const used: InventoryRule[] = [];
  for (const t of tables) {
    const sub = matchSubquery(t, rules);
    if (!sub) continue;
    checks.push(`NOT EXISTS (${sub})`);
    for (const r of rulesFor(t, rules)) if (!used.includes(r)) used.push(r);
  }
  if (checks.length === 0) return undefined;
  const which = low ? "low-confidence signs of Kaspersky" : "Kaspersky software";
  const ids = used
    .sort((a, b) => byText(a.id, b.id))
    .map((r) => `${r.id} [${sourceList(r.sources)}]${r.era ? ` (era ${r.era} not checked)` : ""}`)
    .join("; ");
  const p: Policy = {
    name: `offramp: no ${which} (${platform.label})`,
    description: `Passes when no ${which} is found in the osquery inventory tables (${plan.catalog.name} ${plan.catalog.version}${low ? "; these signatures are unattributed or weakly sourced, so a failure is worth a look, not proof" : ""}). Signatures: ${ids}`,
    resolution:
      "Run the offramp osquery pack (offramp export osquery) on the host to see which row matched and which product it names, remove that product with the vendor's removal tool (kavremover) or your software deployment, then re-check.",
    query: `SELECT 1 WHERE ${checks.join(" AND ")};`,
    platform: platform.id,
    critical: false,
  };
  return p;
}

export const fleetPolicies: Exporter = {
  id: "fleet",
  title: "Fleet policies (GitOps YAML): per platform, pass when no Kaspersky software is present",
  file: "kaspersky.policies.yml",
  limits: [
    ...OSQUERY_LIMITS,
    "Only covered products fail a policy; exempt products (threat intelligence, training) and indicators (UltraAV) are in the osquery pack only.",
  ],
  render(plan: ExportPlan): string {
    const covered = plan.inventory.filter((r) => r.tier === "covered");
    const policies: Policy[] = [];
    for (const platform of PLATFORMS) {
      const normal = policy(
        plan,
        platform,
        covered.filter((r) => !r.low),
        false,
      );
      if (normal) policies.push(normal);
      const lowRules = covered.filter((r) => r.low);
      const low = lowRules.length > 0 ? policy(plan, platform, lowRules, true) : undefined;
      if (low) policies.push(low);
    }
    const notExpressible = osqueryNotExpressible(plan);
    const header = headerLines(plan, fleetPolicies, [
      "Use as a lib/ policies file of a Fleet GitOps repository (policies: - path: ./lib/kaspersky.policies.yml).",
      `Not expressible in osquery: ${notExpressible.join(", ") || "none"}.`,
    ]);
    return `${commentBlock(header, "#")}\n${stringify(policies, { lineWidth: 0 })}`;
  },
};
