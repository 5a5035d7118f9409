import { createHash } from "node:crypto";
import { stringify } from "yaml";
import type { FieldName } from "../../model/observation.js";
import { commentBlock, confidenceOf, headerLines, sourceUrls } from "./header.js";
import type { ExportPlan, HostIndicator, InventoryRule, PortIndicator } from "./plan.js";
import { type RawTest, rawTests, type Shape, silencers } from "./raw-match.js";
import type { Exporter } from "./types.js";

/**
 * Sigma rules, one per signature and log source. Sigma compares strings case-insensitively and
 * has wildcards, `startswith`/`endswith`/`contains` and `re`, so most modes map directly; the word
 * modes become wildcard patterns with one `?` between words (see limits).
 */

interface Target {
  field: FieldName;
  logsource: Record<string, string>;
  column: string;
  shape: Shape;
  /** Fixed conditions of the log source (event id, provider). */
  fixed?: Record<string, string | number>;
  what: string;
}

/** Where each catalogue field shows in the log sources Sigma standardises. */
const TARGETS: readonly Target[] = [
  {
    field: "process",
    logsource: { category: "process_creation" },
    column: "Image",
    shape: "image",
    what: "process started",
  },
  {
    field: "path",
    logsource: { category: "process_creation" },
    column: "Image",
    shape: "path",
    what: "process started from a Kaspersky folder",
  },
  {
    field: "publisher",
    logsource: { category: "process_creation", product: "windows" },
    column: "Company",
    shape: "text",
    what: "process whose version information names the publisher",
  },
  {
    field: "name",
    logsource: { category: "process_creation", product: "windows" },
    column: "Product",
    shape: "text",
    what: "process whose version information names the product",
  },
  {
    field: "service",
    logsource: { product: "windows", service: "system" },
    column: "ServiceName",
    shape: "id",
    fixed: { Provider_Name: "Service Control Manager", EventID: 7045 },
    what: "service installed",
  },
  {
    field: "driver",
    logsource: { category: "driver_load", product: "windows" },
    column: "ImageLoaded",
    shape: "image",
    what: "driver loaded",
  },
  {
    field: "registry",
    logsource: { category: "registry_event", product: "windows" },
    column: "TargetObject",
    shape: "registry-short",
    what: "registry key written",
  },
];

export const SIGMA_FIELDS: ReadonlySet<FieldName> = new Set(TARGETS.map((t) => t.field));

/** A piece of a Sigma value: literal text, or a wildcard (`*` any run, `?` one character). */
type Piece = string | { wild: "*" | "?" };

/**
 * Sigma's escaping: `*` and `?` are wildcards, `\` escapes them and itself. A literal backslash
 * is doubled only where it would otherwise escape what follows (`*`, `?`, `\`, or a wildcard).
 */
export function sigmaValue(pieces: readonly Piece[]): string {
  type Char = { lit: string } | { wild: string };
  const chars: Char[] = pieces.flatMap((p): Char[] =>
    typeof p === "string" ? [...p].map((c) => ({ lit: c })) : [p],
  );
  return chars
    .map((c, i) => {
      if ("wild" in c) return c.wild;
      if (c.lit === "*" || c.lit === "?") return `\\${c.lit}`;
      if (c.lit !== "\\") return c.lit;
      const next = chars[i + 1];
      return next && ("wild" in next || /[*?\\]/.test(next.lit)) ? "\\\\" : "\\";
    })
    .join("");
}

export function sigmaLiteral(text: string): string {
  return sigmaValue([text]);
}

/** What may follow a name's last word: a word ends where one of these (or the value) starts. */
const WORD_ENDS = [" ", "-", "_", ".", ",", "(", "/", ":", "&"];

/** Raw tests as Sigma selections: one per modifier, since keys of one map must all hold. */
function selections(column: string, tests: readonly RawTest[]): Record<string, string[]>[] {
  const by = new Map<string, Set<string>>();
  const add = (key: string, value: string) => {
    if (!by.has(key)) by.set(key, new Set());
    by.get(key)!.add(value);
  };
  for (const t of tests) {
    switch (t.op) {
      case "equals":
        add(column, sigmaLiteral(t.text));
        break;
      case "prefix":
        add(`${column}|startswith`, sigmaLiteral(t.text));
        break;
      case "suffix":
        add(`${column}|endswith`, sigmaLiteral(t.text));
        break;
      case "contains":
        add(`${column}|contains`, sigmaLiteral(t.text));
        break;
      case "glob":
        add(column, sigmaValue(t.parts.flatMap((p, i): Piece[] => (i === 0 ? [p] : [{ wild: "*" }, p]))));
        break;
      case "words": {
        // one `?` stands for the separator between words; the value as written is kept too when its
        // separators are not single characters ("Security & VPN")
        const phrases: Piece[][] = [t.words.flatMap((w, i): Piece[] => (i === 0 ? [w] : [{ wild: "?" }, w]))];
        if (t.written && !/^[\p{L}\p{N}]+(?:[^\p{L}\p{N}][\p{L}\p{N}]+)*$/u.test(t.written))
          phrases.push([t.written]);
        for (const phrase of phrases) {
          if (t.start) {
            add(column, sigmaValue(phrase));
            for (const end of WORD_ENDS) add(column, sigmaValue([...phrase, end, { wild: "*" }]));
          } else add(column, sigmaValue([{ wild: "*" }, ...phrase, { wild: "*" }]));
        }
        break;
      }
      case "regex":
        add(`${column}|re|i`, t.source);
        break;
    }
  }
  return [...by.entries()].map(([k, v]) => ({ [k]: [...v] }));
}

/** A name-based UUID (version 5 layout over SHA-1), so a rule keeps its id across exports. */
export function stableUuid(key: string): string {
  const h = createHash("sha1").update(`offramp-sigma\0${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function levelOf(rule: { low: boolean; tier?: string; informational?: boolean }, strong: boolean): string {
  if (rule.tier === "exempt" || rule.tier === "indicator" || rule.informational) return "informational";
  if (rule.low) return "low";
  return strong ? "high" : "medium";
}

interface SigmaDoc {
  title: string;
  id: string;
  status: string;
  description: string;
  references?: string[];
  author: string;
  date: string;
  tags: string[];
  logsource: Record<string, string>;
  detection: Record<string, unknown>;
  falsepositives: string[];
  level: string;
  offramp: Record<string, unknown>;
}

function doc(
  plan: ExportPlan,
  d: Omit<SigmaDoc, "status" | "author" | "date" | "references"> & { sources: string[] },
) {
  const refs = sourceUrls(plan, d.sources);
  const { sources: _sources, ...rest } = d;
  const out: SigmaDoc = {
    title: rest.title,
    id: rest.id,
    status: "experimental",
    description: rest.description,
    ...(refs.length > 0 && { references: refs }),
    author: `offramp, generated from ${plan.catalog.name} ${plan.catalog.version}`,
    date: plan.catalog.released,
    tags: rest.tags,
    logsource: rest.logsource,
    detection: rest.detection,
    falsepositives: rest.falsepositives,
    level: rest.level,
    offramp: rest.offramp,
  };
  return out;
}

function inventoryDoc(plan: ExportPlan, rule: InventoryRule, target: Target): SigmaDoc {
  const detection: Record<string, unknown> = {};
  const sels = selections(
    target.column,
    rule.values.flatMap((v) => rawTests(rule, v, target.shape)),
  );
  sels.forEach((s, i) => {
    detection[`selection_${i + 1}`] = target.fixed ? { ...target.fixed, ...s } : s;
  });
  const filters = silencers(rule, target.shape);
  filters.forEach((f) => {
    const name = `filter_${f.id.replace(/[^a-z0-9]+/gi, "_")}`;
    const fs = selections(target.column, f.tests);
    fs.forEach((s, i) => {
      detection[fs.length > 1 ? `${name}_${i + 1}` : name] = s;
    });
  });
  detection.condition = `1 of selection_*${filters.length > 0 ? " and not 1 of filter_*" : ""}`;
  const tierNote = rule.tier === "covered" ? "" : ` (${rule.tier}: informational)`;
  return doc(plan, {
    title: `Kaspersky ${target.what}: ${rule.productName} (${rule.id})`.slice(0, 256),
    id: stableUuid(`${rule.id}|${target.column}|${JSON.stringify(target.logsource)}`),
    description: `${target.what[0]!.toUpperCase()}${target.what.slice(1)} matching catalogue signature ${rule.id} (${rule.field}, ${rule.match}) of ${rule.productName}${tierNote}. Sources: ${rule.sources.join(" ")}.${rule.low ? ` Low confidence: ${rule.lowReason}.` : ""}${rule.era ? ` Era ${rule.era} not checked.` : ""}`,
    sources: rule.sources,
    tags: ["offramp.kaspersky"],
    logsource: target.logsource,
    detection,
    falsepositives: [
      rule.low
        ? "Unattributed or weakly sourced artefact: confirm with a second kind of evidence"
        : "Removal of the product in progress (uninstallers run the same binaries)",
    ],
    level: levelOf(rule, rule.weight !== "weak"),
    offramp: {
      catalog: `${plan.catalog.name} ${plan.catalog.version}`,
      signature: rule.id,
      product: rule.productId,
      tier: rule.tier,
      confidence: confidenceOf(rule),
      sources: rule.sources,
    },
  });
}

const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

function dnsDoc(plan: ExportPlan, rule: HostIndicator): SigmaDoc {
  const sel: Record<string, string[]> = { QueryName: rule.hosts.map(sigmaLiteral) };
  if (rule.match === "suffix") sel["QueryName|endswith"] = rule.hosts.map((h) => sigmaLiteral(`.${h}`));
  const detection: Record<string, unknown> = {};
  Object.entries(sel).forEach(([k, v], i) => {
    detection[`selection_${i + 1}`] = { [k]: v };
  });
  detection.condition = "1 of selection_*";
  const what = rule.informational ? "public web site (not an install indicator)" : `${rule.signal} host`;
  return doc(plan, {
    title: `Kaspersky ${what} resolved (${rule.id})`,
    id: stableUuid(`${rule.id}|dns_query`),
    description: `DNS query for a Kaspersky ${what}: ${rule.match === "suffix" ? "these names or names under them" : "these names"} (catalogue ${rule.id}, signal ${rule.signal}). Sources: ${rule.sources.join(" ")}.`,
    sources: rule.sources,
    tags: ["offramp.kaspersky"],
    logsource: { category: "dns_query", product: "windows" },
    detection,
    falsepositives: rule.informational
      ? ["Anyone reading Kaspersky's web sites"]
      : ["Removal tools or browsers fetching from the same hosts"],
    level: levelOf(rule, rule.strong),
    offramp: {
      catalog: `${plan.catalog.name} ${plan.catalog.version}`,
      indicator: rule.id,
      signal: rule.signal,
      confidence: confidenceOf(rule),
      sources: rule.sources,
    },
  });
}

function portDoc(plan: ExportPlan, p: PortIndicator): SigmaDoc {
  return doc(plan, {
    title: `Kaspersky Security Center ${p.proto}/${p.port}: ${p.role} (${p.id})`,
    id: stableUuid(`${p.id}|network_connection`),
    description: `Connection between internal hosts to ${p.proto}/${p.port} (${p.role}); the Kaspersky host is the ${p.report === "responder" ? "destination" : "source"}. Sources: ${p.sources.join(" ")}.`,
    sources: p.sources,
    tags: ["offramp.kaspersky"],
    logsource: { category: "network_connection" },
    detection: {
      selection: {
        Initiated: "true",
        Protocol: p.proto,
        DestinationPort: p.port,
        "DestinationIp|cidr": PRIVATE,
      },
      condition: "selection",
    },
    falsepositives: ["Another product listening on the same port"],
    level: levelOf(p, true),
    offramp: {
      catalog: `${plan.catalog.name} ${plan.catalog.version}`,
      indicator: p.id,
      confidence: confidenceOf(p),
      sources: p.sources,
    },
  });
}

/** A Kaspersky process asking a public resolver directly: the fallback the catalogue describes. */
function resolverDoc(plan: ExportPlan): SigmaDoc | undefined {
  const r = plan.resolvers;
  const procs = plan.inventory.filter((x) => x.field === "process" && x.tier === "covered");
  if (!r || procs.length === 0) return undefined;
  const images = selections(
    "Image",
    procs.flatMap((x) => x.values.flatMap((v) => rawTests(x, v, "image"))),
  );
  const detection: Record<string, unknown> = {
    resolver: { DestinationIp: r.resolvers, DestinationPort: 53 },
  };
  images.forEach((s, i) => {
    detection[`process_${i + 1}`] = s;
  });
  detection.condition = "resolver and 1 of process_*";
  return doc(plan, {
    title: `Kaspersky process querying a public resolver directly (${r.id})`,
    id: stableUuid(`${r.id}|network_connection`),
    description: `A Kaspersky process (${procs.map((x) => x.id).join(", ")}) sends DNS straight to a public resolver, as the products do when the system resolver fails. Sources: ${r.sources.join(" ")}.`,
    sources: r.sources,
    tags: ["offramp.kaspersky"],
    logsource: { category: "network_connection", product: "windows" },
    detection,
    falsepositives: ["None known: the process names are Kaspersky's own"],
    level: levelOf(r, true),
    offramp: {
      catalog: `${plan.catalog.name} ${plan.catalog.version}`,
      indicator: r.id,
      signatures: procs.map((x) => x.id),
      confidence: confidenceOf(r),
      sources: r.sources,
    },
  });
}

export const sigma: Exporter = {
  id: "sigma",
  title: "Sigma rules (one YAML document per signature and log source)",
  file: "offramp-kaspersky.sigma.yml",
  limits: [
    "Word rules become wildcard patterns: one `?` stands for the separator between words (a space, a hyphen) besides the value as written, so other runs of separators do not match; a name's last word must be followed by the end or by one of ` -_.,(/:&`; a phrase inside a name may touch letters on either side.",
    "Names and publishers are read from the process's PE version information (Product, Company): Sigma has no installed-software log source.",
    "Quotes and runs of spaces are not folded as offramp folds them; a value with quotes is also listed as offramp normalises it.",
    "Registry rules use Sysmon's `HKLM\\…` spelling and list the 32-bit view (`SOFTWARE\\WOW6432Node\\…`) beside the 64-bit one.",
    "Guards and not-covered products are applied as filters on the same field only.",
    "No Sigma log source carries package names, bundle ids, browser extension ids, MSI product codes, CPEs, package URLs or TLS issuers: those signatures are listed as not expressible.",
  ],
  render(plan: ExportPlan): string {
    const docs: SigmaDoc[] = [];
    for (const rule of plan.inventory)
      for (const t of TARGETS) if (t.field === rule.field) docs.push(inventoryDoc(plan, rule, t));
    for (const h of plan.hosts) docs.push(dnsDoc(plan, h));
    for (const p of plan.ports) docs.push(portDoc(plan, p));
    const fallback = resolverDoc(plan);
    if (fallback) docs.push(fallback);
    const notExpressible = [
      ...plan.inventory.filter((r) => !SIGMA_FIELDS.has(r.field)).map((r) => `${r.id} (${r.field})`),
      ...plan.issuers.map((i) => `${i.id} (TLS issuer)`),
    ];
    const header = headerLines(plan, sigma, [
      `Not expressible in Sigma: ${notExpressible.join(", ") || "none"}.`,
    ]);
    return `${commentBlock(header, "#")}\n${docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n")}`;
  },
};
