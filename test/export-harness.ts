import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { compileSignature, FieldValue, testSignature } from "../src/catalog/compile.js";
import { DEFAULT_CATALOG_DIR } from "../src/catalog/load.js";
import type { MatchMode, Signature } from "../src/model/catalog.js";
import type { FieldName } from "../src/model/observation.js";
import type { InventoryRule } from "../src/report/export/plan.js";

/**
 * Helpers for the export tests: offramp's own matcher as the oracle the exported rules are held
 * to, a real SQLite to run the osquery SQL in, and a catalogue copy with hostile values.
 */

function asSignature(
  id: string,
  field: FieldName,
  match: MatchMode,
  values: string[],
  unless: string[] = [],
) {
  const sig: Signature = {
    id,
    on: field,
    match,
    values,
    weight: "strong",
    exclusive: false,
    sources: ["S1"],
    confidence: "normal",
    // the oracle never pre-filters, so any needle will do
    needles: ["xx"],
    ...(unless.length > 0 && { unless }),
  };
  return compileSignature(sig);
}

const compiled = new Map<string, ReturnType<typeof compileSignature>>();

/** Whether offramp fires this rule on this raw value (its `unless` and exclusions included). */
export function oracleFires(rule: InventoryRule, value: string): boolean {
  const key = `${rule.id}\0${rule.field}`;
  let c = compiled.get(key);
  if (!c) {
    c = asSignature(rule.id, rule.field, rule.match, rule.values, rule.unless);
    compiled.set(key, c);
  }
  const v = new FieldValue(rule.field, value);
  if (!testSignature(c, v)) return false;
  return !rule.exclusions.some((e) => testSignature(asSignature(e.id, e.field, e.match, e.values), v));
}

/** The first rule (in the given precedence order) on `field` that fires on `value`. */
export function oracleFirst(
  rules: readonly InventoryRule[],
  field: FieldName,
  value: string,
): string | undefined {
  return rules.find((r) => r.field === field && oracleFires(r, value))?.id;
}

export interface CaseValue {
  case: string;
  field: FieldName;
  value: string;
}

/** Every field value of every signature case in the catalogue (must-match inputs and near misses). */
export function caseValues(catalogDir = DEFAULT_CATALOG_DIR): CaseValue[] {
  const dir = join(catalogDir, "cases");
  const out: CaseValue[] = [];
  for (const file of [
    "business-endpoint",
    "consumer",
    "expert-industrial-exempt",
    "free-tools-mobile",
    "indicators-guards",
    "mail-gateway",
    "management",
    "oem-sdk",
    "server",
    "vendor-shared",
  ]) {
    let doc: { cases?: { name: string; record: { fields: Record<string, string> } }[] };
    try {
      doc = parse(readFileSync(join(dir, `${file}.yaml`), "utf8"));
    } catch {
      continue;
    }
    for (const c of doc.cases ?? [])
      for (const [field, value] of Object.entries(c.record.fields))
        out.push({ case: c.name, field: field as FieldName, value });
  }
  return out;
}

// ---- SQLite -------------------------------------------------------------------------------------

const PY = `
import json, re, sqlite3, sys
job = json.load(sys.stdin)
db = sqlite3.connect(":memory:")
# osquery runs std::regex over the bytes of the value: so do we
compiled = {}
def regex_match(s, pattern, index):
    if s is None: return None
    r = compiled.get(pattern)
    if r is None:
        r = compiled[pattern] = re.compile(pattern.encode("utf-8"))
    m = r.search(s.encode("utf-8"))
    return None if m is None else m.group(index).decode("utf-8", "replace")
db.create_function("regex_match", 3, regex_match)
for table, cols in job["schema"].items():
    db.execute("CREATE TABLE %s (%s)" % (table, ", ".join('"%s" TEXT' % c for c in cols)))
out = []
for run in job["runs"]:
    try:
        for table in job["schema"]: db.execute("DELETE FROM %s" % table)
        for table, rows in run["rows"].items():
            for row in rows:
                cols = list(row.keys())
                db.execute("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join('"%s"' % c for c in cols), ", ".join("?" for _ in cols)), [row[c] for c in cols])
        cur = db.execute(run["query"])
        names = [d[0] for d in cur.description]
        out.append({"rows": [dict(zip(names, r)) for r in cur.fetchall()]})
    except Exception as e:
        out.append({"error": str(e)})
json.dump(out, sys.stdout)
`;

export function pythonSqlite(): boolean {
  const r = spawnSync("python3", ["-c", "import sqlite3, json, re"], { encoding: "utf8" });
  return r.status === 0;
}

export type Row = Record<string, string | null>;
export interface SqlRun {
  rows: Record<string, Row[]>;
  query: string;
}
export type SqlResult = { rows: Record<string, unknown>[] } | { error: string };

/** Runs each query in a fresh set of tables (every column TEXT), with `regex_match` as osquery has it. */
export function runSqlite(schema: Record<string, string[]>, runs: SqlRun[]): SqlResult[] {
  const r = spawnSync("python3", ["-c", PY], {
    input: JSON.stringify({ schema, runs }),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as SqlResult[];
}

// ---- catalogue copies ---------------------------------------------------------------------------

/** A copy of the catalogue in a temporary folder, with `edit` applied to one file's text. */
export function catalogCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "offramp-export-"));
  cpSync(DEFAULT_CATALOG_DIR, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, "utf8")));
  return dir;
}

/** A value built to break quoting in every target language: quotes of each kind, backslashes, `;|%_*?`. */
export const HOSTILE = `Kaspersky "Evil' \\ Tool\\"; DROP|x%_*?{}$\``;
