import { byText } from "../../match/order.js";
import { ruleNote } from "./blocklist.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan, HostIndicator } from "./plan.js";
import type { Exporter } from "./types.js";

/**
 * A Zeek intel file: one Intel::DOMAIN per name. Zeek matches domains exactly, so a suffix rule's
 * own name is listed here and the names under it are reported by the companion script
 * (`offramp export zeek-suffix`), which hands their parent names to Intel::seen.
 */

/** A field of Zeek's ASCII input: tab, newline and backslash escaped, `-` and "" not mistaken for unset/empty. */
export function zeekField(value: string): string {
  if (value === "") return "(empty)";
  if (value === "-") return "\\x2d";
  return value.replace(/[\\\t\n\r]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function desc(plan: ExportPlan, rule: HostIndicator): string {
  const under = rule.match === "suffix" ? "; names under it are reported with the zeek-suffix script" : "";
  const info = rule.informational ? "; a public web site, not an install indicator" : "";
  return `${ruleNote(plan, rule)}${under}${info}`;
}

export const zeekIntel: Exporter = {
  id: "zeek-intel",
  title: "Zeek intel file (Intel::DOMAIN)",
  file: "offramp-kaspersky.intel",
  limits: [
    "Intel::DOMAIN matches exactly: a suffix rule's own name is here, the names under it need the zeek-suffix script loaded beside the intel framework.",
    "Interception certificate issuers have no intel type (Intel::CERT_HASH wants a hash), and Security Center ports and resolver fallback are connection patterns: none is in this file; offramp's own Zeek conn/ssl import finds them.",
    "Public web-site rules are included for context and say so in meta.desc; drop them from alerting on that text.",
  ],
  render(plan: ExportPlan): string {
    const header = headerLines(plan, zeekIntel, [
      'Load with: redef Intel::read_files += { "/path/to/offramp-kaspersky.intel" }; and @load frameworks/intel/seen',
    ]);
    const lines = [
      commentBlock(header, "#"),
      ["#fields", "indicator", "indicator_type", "meta.source", "meta.desc"].join("\t"),
    ];
    const source = `${plan.catalog.name}-${plan.catalog.version}`;
    const rows = plan.hosts.flatMap((rule) => rule.hosts.map((host) => ({ host, rule })));
    rows.sort((a, b) => byText(a.host, b.host));
    for (const { host, rule } of rows)
      lines.push([host, "Intel::DOMAIN", `${source}:${rule.id}`, desc(plan, rule)].map(zeekField).join("\t"));
    return `${lines.join("\n")}\n`;
  },
};
