import { byText } from "../../match/order.js";
import type { FieldName } from "../../model/observation.js";
import { confidenceOf, headerLines } from "./header.js";
import type { ExportPlan, HostIndicator, InventoryRule } from "./plan.js";
import { escapeRegex, type Shape, silencers, valuesRegex } from "./raw-match.js";
import type { Exporter } from "./types.js";

/**
 * Splunk searches, one per catalogue field and section. Field names differ between sourcetypes,
 * so each search reads the first present of the names common add-ons give that field (Windows
 * TA, Sysmon, CIM, Zeek, Suricata EVE) and matches it with case-insensitive regexes.
 */

/** An SPL string literal (eval): backslash and quote escaped. */
export function splString(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&").replace(/[\r\n\t]/g, " ")}"`;
}

/** A field name inside eval: quoted when it holds a dot or braces. */
function evalField(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name}'`;
}

interface FieldSource {
  field: FieldName;
  names: string[];
  shapes: Shape[];
}

/** Where common sourcetypes put each catalogue field (first present wins). */
const SOURCES: readonly FieldSource[] = [
  { field: "name", names: ["DisplayName", "Product", "product_name", "app"], shapes: ["text"] },
  { field: "publisher", names: ["Publisher", "Company", "vendor"], shapes: ["text"] },
  {
    field: "process",
    names: ["Image", "New_Process_Name", "NewProcessName", "process_name", "process"],
    shapes: ["image"],
  },
  {
    field: "path",
    names: ["Image", "process_path", "InstallLocation", "TargetFilename", "file_path"],
    shapes: ["path"],
  },
  { field: "service", names: ["ServiceName", "Service_Name", "service_name", "service"], shapes: ["id"] },
  { field: "driver", names: ["ImageLoaded", "driver"], shapes: ["image"] },
  {
    field: "registry",
    names: ["TargetObject", "registry_path", "object_path"],
    shapes: ["registry-short", "registry-long"],
  },
];

export const SPL_FIELDS: ReadonlySet<FieldName> = new Set(SOURCES.map((s) => s.field));

const DOMAIN_FIELDS = [
  "query",
  "QueryName",
  "server_name",
  "dns.rrname",
  "tls.sni",
  "http.hostname",
  "url_domain",
];
const DEST_PORT_FIELDS = ["dest_port", "DestinationPort", "id.resp_p", "dest.port"];
const DEST_IP_FIELDS = ["dest_ip", "DestinationIp", "id.resp_h", "dest"];
const SRC_IP_FIELDS = ["src_ip", "SourceIp", "id.orig_h", "src"];
const PROTO_FIELDS = ["transport", "proto", "Protocol"];
const ISSUER_FIELDS = ["certificate.issuer", "tls.issuerdn", "issuer"];

function present(names: readonly string[]): string {
  return `(${names.map((n) => `${n}=*`).join(" OR ")})`;
}

function coalesce(names: readonly string[]): string {
  return names.length === 1 ? evalField(names[0]!) : `coalesce(${names.map(evalField).join(", ")})`;
}

function ruleRegex(rule: InventoryRule, shapes: readonly Shape[]): string {
  const parts = [...new Set(shapes.map((s) => valuesRegex(rule, s)))];
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(?:${p})`).join("|");
}

function ruleCondition(rule: InventoryRule, shapes: readonly Shape[]): string {
  let cond = `match(offramp_value, ${splString(`(?i)${ruleRegex(rule, shapes)}`)})`;
  for (const shape of shapes.slice(0, 1))
    for (const s of silencers(rule, shape))
      cond += ` AND NOT match(offramp_value, ${splString(`(?i)${s.regex}`)})`;
  return cond;
}

function lookupEval(
  name: string,
  rules: readonly InventoryRule[],
  value: (r: InventoryRule) => string,
): string {
  return `${name}=case(${rules.map((r) => `offramp_signature==${splString(r.id)}, ${splString(value(r))}`).join(", ")})`;
}

function inventorySearch(
  plan: ExportPlan,
  src: FieldSource,
  rules: readonly InventoryRule[],
): string | undefined {
  const own = rules.filter((r) => r.field === src.field);
  if (own.length === 0) return undefined;
  const branches = own.map((r) => `${ruleCondition(r, src.shapes)}, ${splString(r.id)}`);
  return [
    `index=* ${present(src.names)}`,
    `| eval offramp_value=${coalesce(src.names)}`,
    `| eval offramp_signature=case(${branches.join(", ")}, true(), null())`,
    "| where isnotnull(offramp_signature)",
    `| eval ${lookupEval("offramp_product", own, (r) => r.productName)}`,
    `| eval ${lookupEval("offramp_tier", own, (r) => r.tier)}`,
    `| eval ${lookupEval("offramp_confidence", own, confidenceOf)}`,
    `| eval ${lookupEval("offramp_sources", own, (r) => r.sources.join(" "))}`,
    `| eval offramp_catalog=${splString(`${plan.catalog.name} ${plan.catalog.version}`)}`,
    "| table _time host sourcetype offramp_value offramp_signature offramp_product offramp_tier offramp_confidence offramp_sources offramp_catalog",
  ].join("\n");
}

function hostRegex(rule: HostIndicator): string {
  const names = rule.hosts.map(escapeRegex).join("|");
  return rule.match === "suffix" ? `(?i)^(?:[^.]+\\.)*(?:${names})\\.?$` : `(?i)^(?:${names})\\.?$`;
}

function networkSearches(plan: ExportPlan): string[] {
  const out: string[] = [];
  const groups: [string, HostIndicator[]][] = [
    ["Kaspersky product hosts", plan.hosts.filter((h) => !h.informational)],
    [
      "Kaspersky public web sites (informational: not an install indicator)",
      plan.hosts.filter((h) => h.informational),
    ],
  ];
  for (const [title, rules] of groups) {
    if (rules.length === 0) continue;
    // longest names first: the catalogue's more specific rule wins
    const ordered = [...rules].sort(
      (a, b) =>
        Math.max(...b.hosts.map((h) => h.length)) - Math.max(...a.hosts.map((h) => h.length)) ||
        byText(a.id, b.id),
    );
    const ind = (f: (r: HostIndicator) => string) =>
      `case(${ordered.map((r) => `offramp_indicator==${splString(r.id)}, ${splString(f(r))}`).join(", ")})`;
    out.push(
      [
        `\`\`\` ${title} \`\`\``,
        `index=* ${present(DOMAIN_FIELDS)}`,
        `| eval offramp_value=${coalesce(DOMAIN_FIELDS)}`,
        `| eval offramp_indicator=case(${ordered.map((r) => `match(offramp_value, ${splString(hostRegex(r))}), ${splString(r.id)}`).join(", ")}, true(), null())`,
        "| where isnotnull(offramp_indicator)",
        `| eval offramp_signal=${ind((r) => r.signal)}, offramp_strength=${ind((r) => (r.informational ? "informational" : r.strong ? "strong" : "weak"))}, offramp_confidence=${ind(confidenceOf)}, offramp_sources=${ind((r) => r.sources.join(" "))}`,
        `| eval offramp_catalog=${splString(`${plan.catalog.name} ${plan.catalog.version}`)}`,
        "| table _time host sourcetype offramp_value offramp_indicator offramp_signal offramp_strength offramp_confidence offramp_sources offramp_catalog",
      ].join("\n"),
    );
  }
  if (plan.ports.length > 0) {
    const branches = plan.ports.map(
      (p) =>
        `offramp_port==${p.port} AND like(lower(offramp_proto), ${splString(`${p.proto}%`)}), ${splString(p.id)}`,
    );
    const by = (f: (p: (typeof plan.ports)[number]) => string) =>
      `case(${plan.ports.map((p) => `offramp_indicator==${splString(p.id)}, ${splString(f(p))}`).join(", ")})`;
    out.push(
      [
        "``` Kaspersky Security Center ports between internal hosts ```",
        `index=* ${present(DEST_PORT_FIELDS)}`,
        `| eval offramp_port=tonumber(${coalesce(DEST_PORT_FIELDS)}), offramp_dest=${coalesce(DEST_IP_FIELDS)}, offramp_src=${coalesce(SRC_IP_FIELDS)}, offramp_proto=${coalesce(PROTO_FIELDS)}`,
        `| where cidrmatch("10.0.0.0/8", offramp_dest) OR cidrmatch("172.16.0.0/12", offramp_dest) OR cidrmatch("192.168.0.0/16", offramp_dest)`,
        `| eval offramp_indicator=case(${branches.join(", ")}, true(), null())`,
        "| where isnotnull(offramp_indicator)",
        `| eval offramp_role=${by((p) => p.role)}, offramp_report=${by((p) => p.report)}, offramp_confidence=${by(confidenceOf)}, offramp_sources=${by((p) => p.sources.join(" "))}`,
        `| eval offramp_catalog=${splString(`${plan.catalog.name} ${plan.catalog.version}`)}`,
        "| table _time host sourcetype offramp_src offramp_dest offramp_port offramp_proto offramp_indicator offramp_role offramp_report offramp_confidence offramp_sources offramp_catalog",
      ].join("\n"),
    );
  }
  for (const rule of plan.issuers) {
    const re = `(?i)${rule.issuers.map(escapeRegex).join("|")}`;
    out.push(
      [
        `\`\`\` ${rule.id}: TLS interception issuers [${rule.sources.join(" ")}]${rule.low ? " (LOW confidence)" : ""} \`\`\``,
        `index=* ${present(ISSUER_FIELDS)}`,
        `| eval offramp_value=${coalesce(ISSUER_FIELDS)}`,
        `| where match(offramp_value, ${splString(re)})`,
        `| eval offramp_indicator=${splString(rule.id)}, offramp_confidence=${splString(confidenceOf(rule))}, offramp_sources=${splString(rule.sources.join(" "))}, offramp_catalog=${splString(`${plan.catalog.name} ${plan.catalog.version}`)}`,
        "| table _time host sourcetype offramp_value offramp_indicator offramp_confidence offramp_sources offramp_catalog",
      ].join("\n"),
    );
  }
  return out;
}

function sections(plan: ExportPlan): [string, InventoryRule[]][] {
  const inv = plan.inventory;
  return (
    [
      ["covered products, normal confidence", inv.filter((r) => r.tier === "covered" && !r.low)],
      [
        "covered products, LOW confidence (unattributed or weakly sourced: confirm before acting)",
        inv.filter((r) => r.tier === "covered" && r.low),
      ],
      [
        "informational: exempt Kaspersky products and indicators that Kaspersky was here",
        inv.filter((r) => r.tier !== "covered"),
      ],
    ] as [string, InventoryRule[]][]
  ).filter(([, rules]) => rules.length > 0);
}

export const spl: Exporter = {
  id: "spl",
  title: "Splunk searches (SPL), one per catalogue field and section",
  file: "offramp-kaspersky.spl",
  limits: [
    "Run one search at a time: each block between the ``` ==== ``` lines stands alone. Narrow `index=*` to your indexes.",
    "Each search reads the first present of the field names common add-ons use (Windows TA, Sysmon, CIM, Zeek, Suricata EVE); other sourcetypes need a field alias.",
    "Matching is by case-insensitive PCRE; quotes and runs of spaces in names are folded as offramp folds them.",
    "A row names the first signature that fires (product rules before vendor-wide ones), not every one.",
    "Package names, bundle ids, browser extension ids, MSI product codes, CPEs and package URLs have no common field: those signatures are listed as not expressible.",
  ],
  render(plan: ExportPlan): string {
    const notExpressible = plan.inventory
      .filter((r) => !SPL_FIELDS.has(r.field))
      .map((r) => `${r.id} (${r.field})`);
    const header = headerLines(plan, spl, [
      `Not expressible in these searches: ${notExpressible.join(", ") || "none"}.`,
    ]);
    const blocks: string[] = [];
    for (const [title, rules] of sections(plan))
      for (const src of SOURCES) {
        const s = inventorySearch(plan, src, rules);
        if (s) blocks.push(`\`\`\` ${src.field}: ${title} \`\`\`\n${s}`);
      }
    blocks.push(...networkSearches(plan));
    const sep = `\n\n\`\`\` ${"=".repeat(96)} \`\`\`\n\n`;
    return `${header.map((l) => `\`\`\` ${l.replace(/`/g, "'")} \`\`\``).join("\n")}${sep}${blocks.join(sep)}\n`;
  },
};
