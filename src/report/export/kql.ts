import { byText } from "../../match/order.js";
import type { FieldName } from "../../model/observation.js";
import { commentBlock, confidenceOf, headerLines } from "./header.js";
import type { ExportPlan, HostIndicator, InventoryRule } from "./plan.js";
import { type RawTest, rawTests, type Shape, silencers, testRegex, valuesRegex } from "./raw-match.js";
import type { Exporter } from "./types.js";

/**
 * KQL for Microsoft Defender XDR advanced hunting (and Sentinel with the Defender connector):
 * one query per table and section. Each row gets the signature that named it from a `case()`, and
 * its product, tier, confidence and sources from a `datatable` joined on it.
 */

/** A KQL string literal. */
export function kqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

/** A verbatim literal for regexes: backslashes stay as they are, quotes are doubled. */
export function kqlVerbatim(value: string): string {
  return `@"${value.replace(/"/g, '""')}"`;
}

interface Column {
  field: FieldName;
  /** Column name or expression (defined by the table's `extend`). */
  expr: string;
  shape: Shape;
}

interface Table {
  id: string;
  /** Table name and the steps that narrow it and name its columns. */
  source: string[];
  columns: Column[];
  project: string[];
}

/** The Defender XDR tables and columns that hold each catalogue field. */
const TABLES: readonly Table[] = [
  {
    id: "software inventory",
    source: [
      "DeviceTvmSoftwareInventory",
      // TVM writes names lower-case with underscores and keeps the vendor apart: put the vendor in
      // front unless the name already starts with it, and read underscores as spaces
      '| extend OfframpName = replace_string(iff(SoftwareName startswith SoftwareVendor, SoftwareName, strcat(SoftwareVendor, " ", SoftwareName)), "_", " ")',
      '| extend OfframpVendor = replace_string(SoftwareVendor, "_", " ")',
    ],
    columns: [
      { field: "name", expr: "OfframpName", shape: "text" },
      { field: "publisher", expr: "OfframpVendor", shape: "text" },
      { field: "cpe", expr: "ProductCodeCpe", shape: "id" },
    ],
    project: [
      "DeviceId",
      "DeviceName",
      "SoftwareVendor",
      "SoftwareName",
      "SoftwareVersion",
      "ProductCodeCpe",
    ],
  },
  {
    id: "browser extensions",
    source: ["DeviceTvmBrowserExtensions"],
    columns: [
      { field: "extensionId", expr: "ExtensionId", shape: "id" },
      { field: "name", expr: "ExtensionName", shape: "text" },
    ],
    project: ["DeviceId", "BrowserName", "ExtensionId", "ExtensionName", "ExtensionVersion"],
  },
  {
    id: "processes",
    source: ["DeviceProcessEvents"],
    columns: [
      { field: "process", expr: "FileName", shape: "basename" },
      { field: "path", expr: "FolderPath", shape: "path" },
      { field: "publisher", expr: "ProcessVersionInfoCompanyName", shape: "text" },
      { field: "name", expr: "ProcessVersionInfoProductName", shape: "text" },
    ],
    project: [
      "Timestamp",
      "DeviceName",
      "FileName",
      "FolderPath",
      "ProcessVersionInfoCompanyName",
      "ProcessVersionInfoProductName",
      "ProcessCommandLine",
    ],
  },
  {
    id: "services installed",
    source: [
      "DeviceEvents",
      '| where ActionType == "ServiceInstalled"',
      "| extend ServiceName = tostring(parse_json(AdditionalFields).ServiceName)",
    ],
    columns: [{ field: "service", expr: "ServiceName", shape: "id" }],
    project: ["Timestamp", "DeviceName", "ServiceName", "FolderPath", "FileName"],
  },
  {
    id: "drivers loaded",
    source: ["DeviceEvents", '| where ActionType == "DriverLoad"'],
    columns: [{ field: "driver", expr: "FileName", shape: "basename" }],
    project: ["Timestamp", "DeviceName", "FileName", "FolderPath"],
  },
  {
    id: "registry",
    source: ["DeviceRegistryEvents"],
    columns: [{ field: "registry", expr: "RegistryKey", shape: "registry-long" }],
    project: ["Timestamp", "DeviceName", "ActionType", "RegistryKey", "RegistryValueName"],
  },
];

export const KQL_FIELDS: ReadonlySet<FieldName> = new Set(
  TABLES.flatMap((t) => t.columns.map((c) => c.field)),
);

const NATIVE_SHAPES = new Set<Shape>(["id", "basename", "path", "registry-long"]);

/** One raw test in KQL: the case-insensitive string operators where they say it, else a regex. */
function testKql(expr: string, t: RawTest, shape: Shape): string {
  if (NATIVE_SHAPES.has(shape)) {
    switch (t.op) {
      case "equals":
        return `${expr} =~ ${kqlString(t.text)}`;
      case "prefix":
        return `${expr} startswith ${kqlString(t.text)}`;
      case "suffix":
        return `${expr} endswith ${kqlString(t.text)}`;
      case "contains":
        return `${expr} contains ${kqlString(t.text)}`;
    }
  }
  return `${expr} matches regex ${kqlVerbatim(`(?i)${testRegex(t, shape)}`)}`;
}

function orKql(parts: string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0]! : `(${unique.join(" or ")})`;
}

/** A rule's condition on one column: equal values in one `in~`, the rest ORed, then its silencers. */
function ruleKql(rule: InventoryRule, c: Column): string {
  const tests = rule.values.flatMap((v) => rawTests(rule, v, c.shape));
  const equal = NATIVE_SHAPES.has(c.shape) ? tests.filter((t) => t.op === "equals") : [];
  const rest = tests.filter((t) => !equal.includes(t));
  const parts: string[] = [];
  if (equal.length > 1)
    parts.push(
      `${c.expr} in~ (${[...new Set(equal.map((t) => kqlString((t as { text: string }).text)))].join(", ")})`,
    );
  else if (equal.length === 1) parts.push(testKql(c.expr, equal[0]!, c.shape));
  if (
    rest.some((t) => t.op === "words" || t.op === "glob" || t.op === "regex") &&
    !NATIVE_SHAPES.has(c.shape)
  )
    parts.push(`${c.expr} matches regex ${kqlVerbatim(`(?i)${valuesRegex(rule, c.shape)}`)}`);
  else for (const t of rest) parts.push(testKql(c.expr, t, c.shape));
  let cond = orKql(parts);
  for (const s of silencers(rule, c.shape))
    cond += ` and not(${c.expr} matches regex ${kqlVerbatim(`(?i)${s.regex}`)})`;
  return cond;
}

interface Section {
  title: string;
  rules: InventoryRule[];
}

function sections(plan: ExportPlan): Section[] {
  const inv = plan.inventory;
  return [
    {
      title: "covered products, normal confidence",
      rules: inv.filter((r) => r.tier === "covered" && !r.low),
    },
    {
      title: "covered products, LOW confidence (unattributed or weakly sourced: confirm before acting)",
      rules: inv.filter((r) => r.tier === "covered" && r.low),
    },
    {
      title: "informational: exempt Kaspersky products and indicators that Kaspersky was here",
      rules: inv.filter((r) => r.tier !== "covered"),
    },
  ].filter((s) => s.rules.length > 0);
}

function datatable(plan: ExportPlan, rules: readonly InventoryRule[]): string {
  const rows = rules.map(
    (r) =>
      `    ${[r.id, r.productName, r.tier, confidenceOf(r), r.sources.join(" "), `${plan.catalog.name} ${plan.catalog.version}`].map(kqlString).join(", ")},`,
  );
  return [
    "let OfframpRules = datatable(OfframpSignature: string, OfframpProduct: string, OfframpTier: string, OfframpConfidence: string, OfframpSources: string, OfframpCatalog: string) [",
    ...rows,
    "];",
  ].join("\n");
}

function inventoryQuery(plan: ExportPlan, table: Table, rules: readonly InventoryRule[]): string | undefined {
  const branches: string[] = [];
  const used: InventoryRule[] = [];
  for (const rule of rules) {
    const c = table.columns.find((x) => x.field === rule.field);
    if (!c) continue;
    branches.push(`    ${ruleKql(rule, c)}, ${kqlString(rule.id)},`);
    used.push(rule);
  }
  if (branches.length === 0) return undefined;
  return [
    datatable(plan, used),
    ...table.source,
    "| extend OfframpSignature = case(",
    ...branches,
    '    "")',
    "| where isnotempty(OfframpSignature)",
    "| lookup kind=inner OfframpRules on OfframpSignature",
    `| project ${[...table.project, "OfframpSignature", "OfframpProduct", "OfframpTier", "OfframpConfidence", "OfframpSources", "OfframpCatalog"].join(", ")}`,
  ].join("\n");
}

/** The host part of RemoteUrl (which may hold a bare name or a URL), lower-case, no trailing dot. */
const REMOTE_HOST =
  '| extend OfframpHost = trim_end(@"\\.", tolower(extract(@"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?([^/:?#]+)", 1, RemoteUrl)))';

function hostKql(rule: HostIndicator): string {
  const exact = `OfframpHost in (${rule.hosts.map(kqlString).join(", ")})`;
  if (rule.match === "exact") return exact;
  return `(${exact} or ${rule.hosts.map((h) => `OfframpHost endswith ${kqlString(`.${h}`)}`).join(" or ")})`;
}

function networkQueries(plan: ExportPlan): string[] {
  const out: string[] = [];
  const groups: [string, HostIndicator[]][] = [
    [
      "Kaspersky product hosts (update, KSN, activation, downloads, telemetry)",
      plan.hosts.filter((h) => !h.informational),
    ],
    [
      "Kaspersky public web sites (informational: not an install indicator)",
      plan.hosts.filter((h) => h.informational),
    ],
  ];
  for (const [title, rules] of groups) {
    if (rules.length === 0) continue;
    const rows = rules.map(
      (r) =>
        `    ${[r.id, r.signal, r.strong ? "strong" : "weak", confidenceOf(r), r.sources.join(" "), `${plan.catalog.name} ${plan.catalog.version}`].map(kqlString).join(", ")},`,
    );
    out.push(
      [
        `// ---- ${title}`,
        "let OfframpIndicators = datatable(OfframpIndicator: string, OfframpSignal: string, OfframpStrength: string, OfframpConfidence: string, OfframpSources: string, OfframpCatalog: string) [",
        ...rows,
        "];",
        "DeviceNetworkEvents",
        "| where isnotempty(RemoteUrl)",
        REMOTE_HOST,
        "| extend OfframpIndicator = case(",
        // longest names first: the catalogue's more specific rule wins
        ...[...rules]
          .sort(
            (a, b) =>
              Math.max(...b.hosts.map((h) => h.length)) - Math.max(...a.hosts.map((h) => h.length)) ||
              byText(a.id, b.id),
          )
          .map((r) => `    ${hostKql(r)}, ${kqlString(r.id)},`),
        '    "")',
        "| where isnotempty(OfframpIndicator)",
        "| lookup kind=inner OfframpIndicators on OfframpIndicator",
        "| project Timestamp, DeviceName, InitiatingProcessFileName, RemoteUrl, RemoteIP, RemotePort, OfframpIndicator, OfframpSignal, OfframpStrength, OfframpConfidence, OfframpSources, OfframpCatalog",
      ].join("\n"),
    );
  }
  if (plan.ports.length > 0) {
    const rows = plan.ports.map(
      (p) =>
        `    ${[p.id, p.proto, String(p.port), p.role, p.report, confidenceOf(p), p.sources.join(" "), `${plan.catalog.name} ${plan.catalog.version}`].map(kqlString).join(", ")},`,
    );
    out.push(
      [
        "// ---- Kaspersky Security Center ports between internal hosts (report: which end is the Kaspersky host)",
        "let OfframpPorts = datatable(OfframpIndicator: string, Protocol: string, RemotePortText: string, OfframpRole: string, OfframpReport: string, OfframpConfidence: string, OfframpSources: string, OfframpCatalog: string) [",
        ...rows,
        "];",
        "DeviceNetworkEvents",
        '| where RemoteIPType == "Private"',
        // Defender writes Tcp, TcpV4, Udp…: the transport is what the catalogue names
        '| extend RemotePortText = tostring(RemotePort), Protocol = case(tolower(tostring(Protocol)) startswith "tcp", "tcp", tolower(tostring(Protocol)) startswith "udp", "udp", tolower(tostring(Protocol)))',
        "| join kind=inner OfframpPorts on Protocol, RemotePortText",
        "| project Timestamp, DeviceName, LocalIP, RemoteIP, RemotePort, Protocol, InitiatingProcessFileName, OfframpIndicator, OfframpRole, OfframpReport, OfframpConfidence, OfframpSources, OfframpCatalog",
      ].join("\n"),
    );
  }
  const r = plan.resolvers;
  const procs = plan.inventory.filter((x) => x.field === "process" && x.tier === "covered");
  if (r && procs.length > 0) {
    const names = [
      ...new Set(
        procs.flatMap((x) =>
          x.values.flatMap((v) => rawTests(x, v, "basename")).map((t) => (t as { text: string }).text),
        ),
      ),
    ];
    out.push(
      [
        `// ---- ${r.id}: a Kaspersky process asking a public resolver directly [${r.sources.join(" ")}] (${plan.catalog.name} ${plan.catalog.version}${r.low ? ", LOW confidence" : ""})`,
        `// processes of: ${procs.map((x) => x.id).join(", ")}`,
        "DeviceNetworkEvents",
        `| where RemoteIP in (${r.resolvers.map(kqlString).join(", ")}) and RemotePort in (53, 853)`,
        `| where InitiatingProcessFileName in~ (${names.map(kqlString).join(", ")})`,
        `| extend OfframpIndicator = ${kqlString(r.id)}, OfframpSources = ${kqlString(r.sources.join(" "))}, OfframpCatalog = ${kqlString(`${plan.catalog.name} ${plan.catalog.version}`)}`,
        "| project Timestamp, DeviceName, InitiatingProcessFileName, RemoteIP, RemotePort, OfframpIndicator, OfframpSources, OfframpCatalog",
      ].join("\n"),
    );
  }
  return out;
}

export const kql: Exporter = {
  id: "kql",
  title: "KQL hunting queries for Microsoft Defender XDR / Sentinel (one query per table and section)",
  file: "offramp-kaspersky.kql",
  limits: [
    "Run one query at a time: each block between the `// ====` lines stands alone.",
    "DeviceTvmSoftwareInventory names are lower-case with underscores and the vendor kept apart: the query joins vendor and name and reads underscores as spaces, which suits word rules; whole-name rules may still miss TVM's own spellings.",
    "Names and publishers of running processes come from their PE version information (ProcessVersionInfoProductName, ProcessVersionInfoCompanyName).",
    "A row names the first signature that fires (product rules before vendor-wide ones), not every one; for network rows the longest indicator name is tried first.",
    "Interception certificate issuers are not in Defender's tables; package names, bundle ids, MSI product codes and package URLs have no column: those signatures are listed as not expressible.",
  ],
  render(plan: ExportPlan): string {
    const notExpressible = [
      ...plan.inventory.filter((r) => !KQL_FIELDS.has(r.field)).map((r) => `${r.id} (${r.field})`),
      ...plan.issuers.map((i) => `${i.id} (TLS issuer)`),
    ];
    const header = headerLines(plan, kql, [
      `Not expressible in Defender XDR tables: ${notExpressible.join(", ") || "none"}.`,
    ]);
    const blocks: string[] = [];
    for (const s of sections(plan)) {
      for (const t of TABLES) {
        const q = inventoryQuery(plan, t, s.rules);
        if (q) blocks.push(`// ---- ${t.id}: ${s.title}\n${q}`);
      }
    }
    blocks.push(...networkQueries(plan));
    const sep = `\n\n// ${"=".repeat(100)}\n\n`;
    return `${commentBlock(header, "//")}${sep}${blocks.join(sep)}\n`;
  },
};
