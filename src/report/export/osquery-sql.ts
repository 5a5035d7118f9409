import { NORMALIZERS, normalizeText, words } from "../../catalog/normalize.js";
import type { FieldName } from "../../model/observation.js";
import type { Exclusion, InventoryRule } from "./plan.js";

/**
 * osquery SQL (SQLite) for the catalogue's inventory signatures. SQLite can normalise a column
 * before comparing, so each table's columns are first rewritten the way offramp's normalisers
 * rewrite a field (case, quotes and spaces, path separators, registry hives, `.exe`), and the
 * catalogue values are compared in their normalised form.
 */

export type Platform = "windows" | "darwin" | "linux" | "all";

type SqlShape = "text" | "path" | "registry" | "basename" | "image" | "id" | "code";

interface SqlColumn {
  field: FieldName;
  /** SQL over the table's own columns giving the raw value. */
  expr: string;
  shape: SqlShape;
}

export interface SqlTable {
  /** Name used in query names: `offramp_kaspersky_<id>`. */
  id: string;
  platform: Platform;
  /** The FROM clause (a table, a join, or a union for the registry). */
  from: string;
  /** Columns shown in results, as `expr AS name`. */
  report: string[];
  columns: SqlColumn[];
}

const SHAPE_OF: Record<FieldName, SqlShape> = {
  name: "text",
  publisher: "text",
  text: "text",
  certificate: "text",
  issuer: "text",
  path: "path",
  registry: "registry",
  process: "basename",
  driver: "basename",
  productCode: "code",
  service: "id",
  package: "id",
  bundleId: "id",
  extensionId: "id",
  cpe: "id",
  purl: "id",
  version: "id",
  installDate: "id",
  domain: "id",
  dstIp: "id",
  dstPort: "id",
  proto: "id",
  resolver: "id",
};

const col = (field: FieldName, expr: string, shape: SqlShape = SHAPE_OF[field]): SqlColumn => ({
  field,
  expr,
  shape,
});

/** The osquery tables offramp's own osquery importer reads, with the field each column holds. */
export const OSQUERY_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  "name",
  "publisher",
  "path",
  "productCode",
  "text",
  "service",
  "driver",
  "bundleId",
  "package",
  "extensionId",
  "process",
  "registry",
]);

const INVENTORY_TABLES: readonly Omit<SqlTable, "from">[] = [
  {
    id: "programs",
    platform: "windows",
    report: ["name", "version", "publisher", "install_location", "identifying_number"],
    columns: [
      col("name", "name"),
      col("publisher", "publisher"),
      col("path", "install_location"),
      col("productCode", "identifying_number"),
      col("text", "uninstall_string"),
    ],
  },
  {
    id: "windows_security_products",
    platform: "windows",
    report: ["name", "type", "state", "remediation_path"],
    columns: [col("name", "name"), col("path", "remediation_path")],
  },
  {
    id: "services",
    platform: "windows",
    report: ["name", "display_name", "status", "start_type", "path"],
    columns: [col("service", "name"), col("name", "display_name"), col("path", "path")],
  },
  {
    id: "drivers",
    platform: "windows",
    report: ["image", "service", "provider", "description", "version"],
    columns: [
      col("driver", "image", "image"),
      col("service", "service"),
      col("publisher", "provider"),
      col("name", "description"),
    ],
  },
  {
    id: "apps",
    platform: "darwin",
    report: ["name", "bundle_identifier", "bundle_short_version", "path"],
    columns: [
      col("bundleId", "bundle_identifier"),
      // the importer reads names without the `.app` the table keeps
      col("name", "CASE WHEN name LIKE '%.app' THEN substr(name, 1, length(name) - 4) ELSE name END"),
      col("path", "path"),
      col("text", "info_string"),
    ],
  },
  {
    id: "deb_packages",
    platform: "linux",
    report: ["name", "version", "maintainer"],
    columns: [col("package", "name"), col("name", "name"), col("publisher", "maintainer")],
  },
  {
    id: "rpm_packages",
    platform: "linux",
    report: ["name", "version", "vendor"],
    columns: [col("package", "name"), col("name", "name"), col("publisher", "vendor")],
  },
  {
    id: "systemd_units",
    platform: "linux",
    report: ["id", "description", "active_state", "fragment_path"],
    columns: [col("service", "id"), col("path", "fragment_path")],
  },
  {
    id: "chrome_extensions",
    platform: "all",
    report: ["name", "identifier", "version", "author", "browser_type", "uid"],
    columns: [col("extensionId", "identifier"), col("name", "name"), col("publisher", "author")],
  },
  {
    id: "firefox_addons",
    platform: "all",
    report: ["name", "identifier", "version", "creator", "uid"],
    columns: [col("extensionId", "identifier"), col("name", "name"), col("publisher", "creator")],
  },
  {
    id: "processes",
    platform: "all",
    report: ["pid", "name", "path", "cmdline"],
    columns: [col("process", "name"), col("path", "path")],
  },
];

const FROM: Record<string, string> = {
  // chrome_extensions lists only the querying user's profiles unless joined with users (uid constraint)
  chrome_extensions: "users CROSS JOIN chrome_extensions USING (uid)",
  firefox_addons: "users CROSS JOIN firefox_addons USING (uid)",
};

// ---- literals -----------------------------------------------------------------------------------

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A LIKE comparison; `!` escapes `%`, `_` and itself when the literal holds them. */
function like(expr: string, pattern: string[]): string {
  const needsEscape = pattern.some((p, i) => i % 2 === 0 && /[%_!]/.test(p));
  const text = pattern
    .map((p, i) => (i % 2 === 0 ? (needsEscape ? p.replace(/[%_!]/g, "!$&") : p) : p))
    .join("");
  return `${expr} LIKE ${sqlString(text)}${needsEscape ? " ESCAPE '!'" : ""}`;
}

/** A literal and LIKE wildcards: even positions are literal text, odd positions are `%`. */
function likeOf(...parts: string[]): string[] {
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push("%");
    out.push(p);
  });
  return out;
}

const hasNonAscii = (s: string) => /[^\x00-\x7f]/.test(s);

/** SQLite's lower() folds ASCII only: a value with other letters is compared in its usual casings too. */
function casings(norm: string, asWritten: string): string[] {
  if (!hasNonAscii(norm)) return [norm];
  const title = norm.replace(
    /(^|[^\p{L}\p{N}])(\p{L})/gu,
    (_m, sep: string, l: string) => sep + l.toUpperCase(),
  );
  const written = asWritten.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  return [...new Set([norm, written, title, norm.toUpperCase()])];
}

// ---- column normalisation in SQL ----------------------------------------------------------------

/**
 * Text fields are matched with osquery's `regex_match` (std::regex, ECMAScript, over the UTF-8
 * bytes of the column). The column is first lower-cased (ASCII) and the common non-ASCII quotes
 * and spaces are replaced by a space; a few nested replace() calls only, as SQLite's parser
 * overflows on long chains. What remains to fold is ASCII, so the regexes use ASCII classes and
 * treat every other non-ASCII byte as part of a letter.
 */
const COMMON_FOLDS = [
  "\u00a0",
  "\u00ab",
  "\u00bb",
  "\u2018",
  "\u2019",
  "\u201a",
  "\u201c",
  "\u201d",
  "\u201e",
  "\u201f",
  "\u00a9",
  "\u00ae",
];

/** One character the normaliser folds to a space (after the SQL replacements). */
const FOLD = "[\\t\\n\\v\\f\\r \"'`]";

/** One character that is not a letter or digit: ASCII punctuation and spaces, or a common dash. */
const SEP = "(?:[^a-z0-9\\x80-\\xff]|\u2010|\u2013|\u2014|\u2026)";

function foldRe(): string {
  return FOLD;
}

function sepRe(): string {
  return SEP;
}

const STD_REGEX_SYNTAX = /[\\^$.|?*+()[\]{}]/g;

/** A literal for std::regex over lower(column): ASCII is already lower; other letters match either case. */
function byteLiteral(text: string): string {
  return [...text]
    .map((c) => {
      if (c.charCodeAt(0) <= 0x7f) return c.replace(STD_REGEX_SYNTAX, "\\$&");
      const lo = c.toLowerCase();
      const up = c.toUpperCase();
      return lo !== up && [...lo].length === 1 && [...up].length === 1 ? `(?:${lo}|${up})` : c;
    })
    .join("");
}

/** A normalised text as a byte regex body: its spaces stand for runs of folded characters. */
function textBody(norm: string): string {
  return norm
    .split(" ")
    .filter((w) => w.length > 0)
    .map(byteLiteral)
    .join(`${foldRe()}+`);
}

function globBody(norm: string): string {
  return norm
    .split("*")
    .map((part) => {
      const trimmed = part.trim();
      if (trimmed.length === 0) return part.length > 0 ? `${foldRe()}+` : "";
      const lead = /^\s/.test(part) ? `${foldRe()}+` : "";
      const trail = /\s$/.test(part) ? `${foldRe()}+` : "";
      return `${lead}${textBody(trimmed)}${trail}`;
    })
    .join(".*");
}

/** A text rule's value as a regex over lower(column), faithful to the text normaliser. */
function textRegex(match: InventoryRule["match"], value: string): string {
  const fold = foldRe();
  const norm = normalizeText(value);
  switch (match) {
    case "equals":
      return `^${fold}*${textBody(norm)}${fold}*$`;
    case "prefix":
      return `^${fold}*${textBody(norm)}`;
    case "suffix":
      return `${textBody(norm)}${fold}*$`;
    case "contains":
      return textBody(norm);
    case "glob":
      return `^${fold}*${globBody(norm)}${fold}*$`;
    case "words":
    case "starts-with-words": {
      const sep = sepRe();
      const body = words(value).map(byteLiteral).join(`${sep}+`);
      return match === "words" ? `(?:^|${sep})${body}(?:${sep}|$)` : `^${sep}*${body}(?:${sep}|$)`;
    }
    case "regex":
      return value;
  }
}

const HIVE_PREFIXES: [string, string][] = [
  ["hkey_local_machine\\", "hklm"],
  ["hkey_current_user\\", "hkcu"],
  ["hkey_users\\", "hku"],
  ["hkey_classes_root\\", "hkcr"],
];

function registryExpr(raw: string): string {
  const l = `lower(${raw})`;
  const hive = `CASE ${HIVE_PREFIXES.map(
    ([long, short]) =>
      `WHEN substr(${l}, 1, ${long.length}) = ${sqlString(long)} THEN ${sqlString(short)} || substr(${l}, ${long.length})`,
  ).join(" ")} ELSE ${l} END`;
  return `rtrim(replace(${hive} || '\\', '\\wow6432node\\', '\\'), '\\')`;
}

function stripExt(raw: string, ext: string): string {
  return `CASE WHEN lower(${raw}) LIKE '%${ext}' THEN substr(lower(${raw}), 1, length(${raw}) - ${ext.length}) ELSE lower(${raw}) END`;
}

function normExpr(c: SqlColumn): string {
  switch (c.shape) {
    case "text":
      return COMMON_FOLDS.reduce(
        (e, ch) => `replace(${e}, char(${ch.codePointAt(0)}), ' ')`,
        `lower(${c.expr})`,
      );
    case "path":
      return `replace(lower(${c.expr}), '\\', '/')`;
    case "registry":
      return registryExpr(c.expr);
    case "basename":
      return stripExt(c.expr, c.field === "driver" ? ".sys" : ".exe");
    case "image":
      return `lower(${c.expr})`;
    case "code":
      return `trim(lower(trim(${c.expr})), '{}')`;
    case "id":
      return `lower(trim(${c.expr}))`;
  }
}

// ---- conditions ---------------------------------------------------------------------------------

/** Aliases of a table's normalised columns inside the generated subquery. */
interface ColumnRefs {
  norm: string;
}

const EXT: Partial<Record<FieldName, string>> = { process: ".exe", driver: ".sys" };

/** One rule's values on one column: equal values share an IN list, the rest are ORed. */
function valuesCondition(
  rule: Pick<InventoryRule, "field" | "match">,
  values: readonly string[],
  c: SqlColumn,
  refs: ColumnRefs,
): string {
  const n = refs.norm;
  const regex = (re: string) => `regex_match(${n}, ${sqlString(re)}, 0) IS NOT NULL`;
  if (c.shape === "text") return orAll(values.map((v) => regex(textRegex(rule.match, v))));
  if (rule.match === "regex") return orAll(values.map(regex));
  if (rule.match === "words" || rule.match === "starts-with-words")
    return orAll(values.map((v) => regex(textRegex(rule.match, v))));
  const forms = [...new Set(values.flatMap((v) => casings(NORMALIZERS[rule.field](v), v.trim())))];
  if (c.shape === "image" && rule.match === "equals") {
    // a process or driver name is the last part of the image path, with or without its extension
    const ext = EXT[rule.field] ?? "";
    const names = [...new Set(forms.flatMap((f) => [`${f}${ext}`, f]))];
    return orAll([
      `${n} IN (${names.map(sqlString).join(", ")})`,
      ...names.flatMap((f) => [like(n, likeOf("", `\\${f}`)), like(n, likeOf("", `/${f}`))]),
    ]);
  }
  switch (rule.match) {
    case "equals":
      return `${n} IN (${forms.map(sqlString).join(", ")})`;
    case "prefix":
      return orAll(forms.map((f) => like(n, likeOf(f, ""))));
    case "suffix":
      return orAll(forms.map((f) => like(n, likeOf("", f))));
    case "contains":
      return orAll(forms.map((f) => like(n, likeOf("", f, ""))));
    case "glob":
      return orAll(forms.map((f) => like(n, likeOf(...f.split("*")))));
  }
}

function orAll(conds: string[]): string {
  const unique = [...new Set(conds.filter((c) => c.length > 0))];
  return unique.length === 1 ? unique[0]! : `(${unique.join(" OR ")})`;
}

function ruleCondition(rule: InventoryRule, table: PreparedTable): string | undefined {
  const c = table.byField.get(rule.field);
  if (!c) return undefined;
  const refs = table.refs.get(rule.field)!;
  const parts = [valuesCondition(rule, rule.values, c.column, refs)];
  for (const u of rule.unless) {
    // `unless` is a contains-test on the normalised field
    parts.push(
      c.column.shape === "text"
        ? `NOT regex_match(${refs.norm}, ${sqlString(textRegex("contains", u))}, 0) IS NOT NULL`
        : `NOT ${orAll(casings(u, u).map((f) => like(refs.norm, likeOf("", f, ""))))}`,
    );
  }
  for (const e of rule.exclusions) {
    const cond = exclusionCondition(e, table);
    if (cond) parts.push(`NOT ${cond}`);
  }
  return parts.length === 1 ? parts[0] : parts.join(" AND ");
}

function exclusionCondition(e: Exclusion, table: PreparedTable): string | undefined {
  const c = table.byField.get(e.field);
  if (!c) return undefined;
  const refs = table.refs.get(e.field)!;
  return valuesCondition(e, e.values, c.column, refs);
}

// ---- tables and queries -------------------------------------------------------------------------

interface PreparedTable {
  table: SqlTable;
  byField: Map<FieldName, { column: SqlColumn }>;
  refs: Map<FieldName, ColumnRefs>;
  /** The subquery that exposes the report columns and the normalised ones. */
  source: string;
}

function prepare(table: SqlTable): PreparedTable {
  const byField = new Map<FieldName, { column: SqlColumn }>();
  const refs = new Map<FieldName, ColumnRefs>();
  const selects = [...table.report];
  table.columns.forEach((c, i) => {
    byField.set(c.field, { column: c });
    selects.push(`${normExpr(c)} AS offramp_n${i}`);
    refs.set(c.field, { norm: `offramp_n${i}` });
  });
  return { table, byField, refs, source: `(SELECT ${selects.join(", ")} FROM ${table.from})` };
}

/** Rules with a column in this table, in the catalogue's precedence order. */
export function rulesFor(table: SqlTable, rules: readonly InventoryRule[]): InventoryRule[] {
  const fields = new Set(table.columns.map((c) => c.field));
  return rules.filter((r) => fields.has(r.field));
}

export interface RuleMeta {
  product: string;
  tier: string;
  confidence: string;
  sources: string;
}

/**
 * A query naming, for each row that matches, the first signature that fired and its product,
 * tier, confidence, sources and the catalogue version.
 */
export function huntQuery(
  table: SqlTable,
  rules: readonly InventoryRule[],
  meta: (r: InventoryRule) => RuleMeta,
  catalogVersion: string,
): string | undefined {
  const own = rulesFor(table, rules);
  if (own.length === 0) return undefined;
  const t = prepare(table);
  const branches = own.map((r) => `WHEN ${ruleCondition(r, t)} THEN ${sqlString(r.id)}`);
  const metaRows = own.map((r) => {
    const m = meta(r);
    return `SELECT ${sqlString(r.id)} AS signature, ${sqlString(m.product)} AS product, ${sqlString(m.tier)} AS tier, ${sqlString(m.confidence)} AS confidence, ${sqlString(m.sources)} AS sources`;
  });
  const shown = table.report.map((r) => `t.${r.split(/\s+AS\s+/i).pop()}`);
  return [
    `SELECT m.signature AS offramp_signature, m.product AS offramp_product, m.tier AS offramp_tier, m.confidence AS offramp_confidence, m.sources AS offramp_sources, ${sqlString(catalogVersion)} AS offramp_catalog, ${shown.join(", ")}`,
    // LIMIT -1 keeps SQLite from flattening the subquery into the join, which would evaluate the
    // CASE once per metadata row instead of once per table row (100 times the regex work)
    `FROM (SELECT *, CASE ${branches.join(" ")} END AS offramp_match FROM ${t.source} LIMIT -1) AS t`,
    `JOIN (${metaRows.join(" UNION ALL ")}) AS m ON m.signature = t.offramp_match;`,
  ].join(" ");
}

/** `EXISTS`-ready subquery: one row per table row that any of the rules matches. */
export function matchSubquery(table: SqlTable, rules: readonly InventoryRule[]): string | undefined {
  const own = rulesFor(table, rules);
  if (own.length === 0) return undefined;
  const t = prepare(table);
  return `SELECT 1 FROM ${t.source} WHERE ${own.map((r) => ruleCondition(r, t)).join(" OR ")}`;
}

/** The inventory tables plus, when registry rules exist, a registry listing around their keys. */
export function osqueryTables(rules: readonly InventoryRule[]): SqlTable[] {
  const tables: SqlTable[] = INVENTORY_TABLES.map((t) => ({ ...t, from: FROM[t.id] ?? t.id }));
  const lookups = registryLookups(rules.filter((r) => r.field === "registry"));
  if (lookups.length > 0) {
    // osquery lists a registry key only under a `key` constraint, one select per constraint (an
    // OR would not reach the table); a subkey row names its key in `path`, any other row in `key`
    const parts = lookups.map((w) => `SELECT key, path, name, type, data FROM registry WHERE ${w}`);
    tables.push({
      id: "registry",
      platform: "windows",
      from: `(${parts.join(" UNION ALL ")})`,
      report: ["key", "path", "name", "type", "data"],
      columns: [col("registry", "CASE WHEN type = 'subkey' THEN path ELSE key END")],
    });
  }
  return tables;
}

const LONG_HIVE: Record<string, string> = {
  hklm: "HKEY_LOCAL_MACHINE",
  hkcu: "HKEY_CURRENT_USER",
  hku: "HKEY_USERS",
  hkcr: "HKEY_CLASSES_ROOT",
};

const REGEX_META = /[\\.^$|?*+()[\]{}]/;

/** The literal start of a catalogue regex over normalised keys (`hklm\software\kasperskylab\`). */
function regexLiteralStart(source: string): string {
  let lit = "";
  const src = source.replace(/^\^/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "\\" && i + 1 < src.length && REGEX_META.test(src[i + 1]!)) {
      lit += src[++i];
      continue;
    }
    if (REGEX_META.test(ch)) {
      // a quantifier makes the character before it optional
      if (/[?*{]/.test(ch)) lit = lit.slice(0, -1);
      break;
    }
    lit += ch;
  }
  return lit;
}

const parentKey = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf("\\")));

/**
 * Where osquery must look for each registry rule's keys, as normalised key constraints: the
 * parent of a whole or partial key name (its listing shows the key as a subkey row), the key
 * itself for `key\*`, and for a regex the key its literal start names and one level below it.
 * Nothing is walked recursively: a huge subtree (`SOFTWARE\Microsoft`) would be read whole.
 */
function registryConstraints(rule: InventoryRule, value: string): { op: "=" | "LIKE"; key: string }[] {
  if (rule.match === "regex") {
    const lit = regexLiteralStart(value);
    const key = lit.endsWith("\\") ? lit.slice(0, -1) : parentKey(lit);
    return [
      { op: "=", key },
      { op: "LIKE", key: `${key}\\%` },
    ];
  }
  const norm = NORMALIZERS.registry(value);
  if (rule.match === "glob" && norm.includes("*")) {
    const lit = norm.slice(0, norm.indexOf("*"));
    return [{ op: "=", key: lit.endsWith("\\") ? lit.slice(0, -1) : parentKey(lit) }];
  }
  return [{ op: "=", key: parentKey(norm) }];
}

/** Key names as the catalogue spells them (`KasperskyLab`), to give the constraints their usual case. */
function keySpellings(rules: readonly InventoryRule[]): Map<string, string> {
  const spelled = new Map<string, string>([
    ["software", "SOFTWARE"],
    ["wow6432node", "WOW6432Node"],
  ]);
  for (const r of rules)
    if (r.match !== "regex")
      for (const v of r.values)
        for (const part of v.split(/\\+/))
          if (!spelled.has(part.toLowerCase())) spelled.set(part.toLowerCase(), part);
  return spelled;
}

/** `key = …` / `key LIKE …` constraints (raw spelling, 64- and 32-bit views) for the registry table. */
export function registryLookups(rules: readonly InventoryRule[]): string[] {
  const spelled = keySpellings(rules);
  const raw = (key: string): string[] => {
    const cut = key.indexOf("\\");
    const hive = LONG_HIVE[cut < 0 ? key : key.slice(0, cut)];
    if (!hive || cut < 0) return [];
    const rest = key.slice(cut);
    const forms = [`${hive}${rest}`];
    if (/^\\software\\/.test(rest)) forms.push(`${hive}\\software\\wow6432node${rest.slice(9)}`);
    return forms.map((f) =>
      f
        .split("\\")
        .map((part, i) => (i === 0 ? part : (spelled.get(part) ?? part)))
        .join("\\"),
    );
  };
  const out = new Set<string>();
  for (const r of rules)
    for (const v of r.values)
      for (const c of registryConstraints(r, v))
        for (const k of raw(c.key)) out.add(`key ${c.op} ${sqlString(k)}`);
  return [...out].sort();
}
