import { confidenceOf, headerLines, sourceList } from "./header.js";
import { huntQuery, OSQUERY_FIELDS, osqueryTables, type RuleMeta, rulesFor } from "./osquery-sql.js";
import type { ExportPlan, InventoryRule } from "./plan.js";
import type { Exporter } from "./types.js";

/** Limits shared by the pack and the Fleet policies (both run the same SQL). */
export const OSQUERY_LIMITS = [
  "Text is folded as offramp folds it (case, quotes, runs of spaces) for ASCII and the common non-ASCII quotes and spaces (no-break space, «», curly quotes, ©®); rarer Unicode spaces and NFKC forms are not folded. SQLite's lower() folds ASCII only: other letters are matched in either case letter by letter.",
  "Words are split at spaces, quotes, ASCII punctuation and dashes; other non-ASCII punctuation (rare in names) joins words where offramp would split them. Needs osquery 4 or later (regex_match).",
  "A row names the first signature that fires (product rules before vendor-wide ones, authoritative first), not every one.",
  "Era bounds of OEM products (a vendor that shipped the Kaspersky engine only in some years) are not checked; those rows say so in their description.",
  "The registry is walked under the catalogue's key roots in the 64- and 32-bit views of HKEY_LOCAL_MACHINE; HKEY_CURRENT_USER is not queryable by osqueryd.",
  'No osquery table holds CPEs, package URLs, certificates or Android packages: those signatures are listed under "not expressible".',
] as const;

export function ruleMeta(r: InventoryRule): RuleMeta {
  return {
    product: r.productName,
    tier: r.tier,
    confidence: confidenceOf(r),
    sources: sourceList(r.sources),
  };
}

/** Signatures no osquery table can test, for the header. */
export function osqueryNotExpressible(plan: ExportPlan): string[] {
  return plan.inventory.filter((r) => !OSQUERY_FIELDS.has(r.field)).map((r) => `${r.id} (${r.field})`);
}

function describe(rules: readonly InventoryRule[]): string {
  return rules
    .map((r) => {
      const marks = [
        r.tier !== "covered" ? r.tier : "",
        r.low ? "low" : "",
        r.era ? `era ${r.era} not checked` : "",
      ]
        .filter(Boolean)
        .join(", ");
      return `${r.id} [${sourceList(r.sources)}]${marks ? ` (${marks})` : ""}`;
    })
    .join("; ");
}

export const osqueryPack: Exporter = {
  id: "osquery",
  title: "osquery query pack (JSON): one hunting query per inventory table",
  file: "offramp-kaspersky.pack.json",
  limits: OSQUERY_LIMITS,
  render(plan: ExportPlan): string {
    const queries: Record<string, Record<string, unknown>> = {};
    for (const table of osqueryTables(plan.inventory)) {
      const query = huntQuery(table, plan.inventory, ruleMeta, plan.catalog.version);
      if (!query) continue;
      const rules = rulesFor(table, plan.inventory);
      queries[`offramp_kaspersky_${table.id}`] = {
        query,
        interval: 3600,
        ...(table.platform !== "all" && { platform: table.platform }),
        snapshot: true,
        description: `Kaspersky artefacts in ${table.id} (${plan.catalog.name} ${plan.catalog.version}); each row names offramp_signature, offramp_product, offramp_tier (covered, exempt, indicator) and offramp_confidence. Signatures: ${describe(rules)}`,
      };
    }
    const notExpressible = osqueryNotExpressible(plan);
    const pack = {
      // osquery reads only the keys it knows; this one carries what a comment would elsewhere
      offramp: {
        header: headerLines(plan, osqueryPack),
        notExpressible,
      },
      queries,
    };
    return `${JSON.stringify(pack, null, 2)}\n`;
  },
};
