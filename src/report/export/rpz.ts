import { type Blocklist, blocklist, blocklistNotes, byRule, type ListEntry } from "./blocklist.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

/**
 * A BIND Response Policy Zone: `name CNAME .` answers NXDOMAIN for the name, `*.name CNAME .` for
 * every name under it, `CNAME rpz-passthru.` lets a name resolve. An exact trigger beats a wildcard
 * and a longer wildcard beats a shorter one, the catalogue's own longest-rule order.
 */

/** YYYYMMDDnn from the catalogue's release date and patch number: same catalogue, same serial. */
export function rpzSerial(plan: ExportPlan): string {
  const patch = Number(plan.catalog.version.split(".")[2] ?? 0) % 100;
  return `${plan.catalog.released.replace(/-/g, "")}${String(patch).padStart(2, "0")}`;
}

function records(plan: ExportPlan, list: readonly ListEntry[], target: string): string[] {
  return byRule(
    plan,
    list,
    (note) => `; ${note}`,
    (e) => [`${e.host} CNAME ${target}`, ...(e.match === "suffix" ? [`*.${e.host} CNAME ${target}`] : [])],
  );
}

function render(plan: ExportPlan, list: Blocklist): string {
  const header = headerLines(plan, rpz, [
    ...blocklistNotes(plan, list),
    'Load as a response-policy zone, for example: zone "kaspersky.rpz" { type primary; file "kaspersky.rpz.zone"; };',
    'and options { response-policy { zone "kaspersky.rpz"; }; };',
  ]);
  return [
    commentBlock(header, ";"),
    "$TTL 300",
    `@ IN SOA localhost. hostmaster.localhost. ( ${rpzSerial(plan)} 3600 600 604800 300 )`,
    "@ IN NS localhost.",
    ...records(plan, list.block, "."),
    ...(list.pass.length > 0
      ? ["", "; names the catalogue gives to a public web site: resolve normally"]
      : []),
    ...records(plan, list.pass, "rpz-passthru."),
    "",
  ].join("\n");
}

export const rpz: Exporter = {
  id: "rpz",
  title: "BIND response policy zone (RPZ): NXDOMAIN for Kaspersky's product hosts",
  file: "kaspersky.rpz.zone",
  limits: [
    "DNS blocking only sees names resolved through this server: Kaspersky's fallback to public resolvers and hard-coded addresses bypass it unless outbound DNS is blocked too.",
    "Blocks names only: interception certificates and Security Center ports are not DNS indicators.",
  ],
  render: (plan) => render(plan, blocklist(plan)),
};
