/**
 * Builds `src/screen/tables/name-tables.json` from OpenSanctions' rigour tables (MIT) kept in
 * ../shared/data/names: legal forms, organisation symbols, prefixes and split phrases, confusable
 * letters. Only the fields the screener reads are kept; the notice travels with the data.
 *
 *   npx tsx bench/screening/build-name-tables.ts [../shared/data/names]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { compileTables } from "../../src/screen/normalize/phrase-tokens.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? join(here, "../../../shared/data/names"));
const out = join(here, "../../src/screen/tables/name-tables.json");

interface OrgType {
  display?: string;
  compare?: string;
  generic?: string;
  aliases?: string[];
}

const orgTypes = (parse(readFileSync(join(dir, "rigour-org_types.yml"), "utf8")) as { types: OrgType[] })
  .types;
const symbols = parse(readFileSync(join(dir, "rigour-symbols.yml"), "utf8")) as {
  org_symbols: Record<string, string[]>;
  org_domains: Record<string, string[]>;
};
const stop = parse(readFileSync(join(dir, "rigour-stopwords.yml"), "utf8")) as Record<string, string[]>;
const compare = parse(readFileSync(join(dir, "rigour-compare.yml"), "utf8")) as { similar_pairs: string[][] };

const legalForms: [string, string, string | null][] = [];
for (const t of orgTypes) {
  const cmp = t.compare ?? t.display;
  if (!cmp) continue;
  const seen = new Set<string>();
  for (const a of [t.display, t.compare, ...(t.aliases ?? [])]) {
    if (!a || seen.has(a.toLowerCase())) continue;
    seen.add(a.toLowerCase());
    legalForms.push([a, cmp, t.generic || null]);
  }
}
const clean = (groups: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, [...new Set(v.map(String))]]));

const tables = {
  notice:
    "Derived from opensanctions/rigour resources/names (org_types.yml, symbols.yml, stopwords.yml, compare.yml) at 8f4044dd. MIT License, Copyright (c) 2023-2025 OpenSanctions Datenbanken GmbH.",
  legalForms,
  orgSymbols: clean(symbols.org_symbols),
  orgDomains: clean(symbols.org_domains),
  orgPrefixes: stop.ORG_NAME_PREFIXES ?? [],
  splitPhrases: stop.NAME_SPLIT_PHRASES ?? [],
  similarPairs: compare.similar_pairs,
  compiled: {} as ReturnType<typeof compileTables>,
};
// Pre-tokenised under every romanisation, so loading skips ~10,000 phrase analyses.
tables.compiled = compileTables(tables);
writeFileSync(out, `${JSON.stringify(tables)}\n`);
console.log(
  `${out}: ${legalForms.length} legal-form aliases, ${Object.keys(tables.orgSymbols).length}+${Object.keys(tables.orgDomains).length} symbol groups`,
);
