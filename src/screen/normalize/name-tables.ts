/**
 * The reference tables (legal forms, organisation symbols, confusable letters), compiled once into
 * token-phrase lookups. Every alias is folded, romanised under every scheme and tokenised exactly as
 * names are, so "Акционерное общество", "Aktsionernoe obshchestvo" and "AO" all meet.
 */
import tables from "../tables/name-tables.json" with { type: "json" };
import { PhraseTable } from "./phrase-table.js";
import { type CompiledTables, compileTables, legalFormRows, type RawTables } from "./phrase-tokens.js";

export interface LegalFormInfo {
  /** The table's alias as written ("Joint Stock Company"). */
  alias: string;
  /** Comparison form: every spelling of one legal form shares it ("AO", "OOO", "GmbH"). */
  compare: string;
  /** Generic class across countries ("JSC", "LLC"), when the table gives one. */
  generic: string | null;
}

/** Symbol groups whose words are so common in company names that they weigh least. */
export const WEAK_SYMBOLS = new Set(["co", "corp", "grp", "org", "private"]);

/**
 * Groups that name one particular organisation in many languages ("PLA" = "People's Liberation
 * Army"): they unify spellings but stay distinctive, unlike generic words.
 */
export const ENTITY_SYMBOLS = new Set(["alqaeda", "hezbollah", "irgc", "pla", "ccp", "cia"]);

export const TABLE_NOTICE: string = tables.notice;

let legalForms: PhraseTable<LegalFormInfo> | undefined;
let symbols: PhraseTable<string[]> | undefined;

/** The compiled tables: stored in the JSON by the generator, recomputed only if absent. */
function compiled(): CompiledTables {
  const stored = (tables as unknown as { compiled?: CompiledTables }).compiled;
  return stored ?? compileTables(tables as unknown as RawTables);
}

export function legalFormTable(): PhraseTable<LegalFormInfo> {
  if (!legalForms) {
    const table = new PhraseTable<LegalFormInfo>();
    const rows = legalFormRows(tables as unknown as RawTables);
    for (const [tokens, i] of compiled().legalForms) {
      const [alias, compare, generic] = rows[i]!;
      table.add(tokens.split(" "), { alias, compare, generic });
    }
    legalForms = table;
  }
  return legalForms;
}

/**
 * Phrase → its symbol groups, in table order. A word may belong to several groups ("corporation"
 * is both "co" and "corp", "фонд" both "fund" and "fdn"); two words meet when they share one.
 */
export function symbolTable(): PhraseTable<string[]> {
  if (!symbols) {
    const groups = new Map<string, string[]>();
    for (const [tokens, id] of compiled().symbols) {
      const g = groups.get(tokens);
      if (!g) groups.set(tokens, [id]);
      else if (!g.includes(id)) g.push(id);
    }
    const table = new PhraseTable<string[]>();
    for (const [tokens, ids] of groups) table.add(tokens.split(" "), ids);
    symbols = table;
  }
  return symbols;
}

export function similarPairs(): string[][] {
  return tables.similarPairs;
}
