/**
 * The reference tables (legal forms, organisation symbols, confusable letters), compiled once into
 * token-phrase lookups. Every alias is folded, romanised under every scheme and tokenised exactly as
 * names are, so "Акционерное общество", "Aktsionernoe obshchestvo" and "AO" all meet.
 */
import tables from "../tables/name-tables.json" with { type: "json" };
import { foldText } from "./fold.js";
import { PhraseTable } from "./phrase-table.js";
import { EXTRA_LEGAL_FORMS, EXTRA_SYMBOL_WORDS } from "./supplements.js";
import { tokenise } from "./tokens.js";
import { romanise } from "./translit.js";

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
/** Groups left out: "tpb" turns three common words into one token, so "Tactical Missiles Corp." loses. */
const SKIPPED_SYMBOLS = new Set(["tpb"]);

export const TABLE_NOTICE: string = tables.notice;

/** Token sequences of a phrase under every romanisation that applies. */
export function phraseTokens(phrase: string): string[][] {
  const folded = foldText(phrase);
  const texts = [folded, ...romanise(folded).map((r) => r.text)];
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    const tokens = tokenise(t);
    const key = tokens.join(" ");
    if (tokens.length > 0 && !seen.has(key)) {
      seen.add(key);
      out.push(tokens);
    }
  }
  return out;
}

let legalForms: PhraseTable<LegalFormInfo> | undefined;
let symbols: PhraseTable<string> | undefined;

export function legalFormTable(): PhraseTable<LegalFormInfo> {
  if (!legalForms) {
    legalForms = new PhraseTable();
    const all = [...EXTRA_LEGAL_FORMS, ...(tables.legalForms as [string, string, string | null][])];
    for (const [alias, compare, generic] of all) {
      for (const tokens of phraseTokens(alias)) {
        // "II" is listed as a legal form; in names it is far more often a numeral.
        if (tokens.every((t) => /^(\d+|[ivx]+)$/.test(t))) continue;
        legalForms.add(tokens, { alias, compare, generic });
      }
    }
  }
  return legalForms;
}

export function symbolTable(): PhraseTable<string> {
  if (!symbols) {
    symbols = new PhraseTable();
    const groups: Record<string, string[]> = { ...tables.orgSymbols, ...tables.orgDomains };
    for (const [id, words] of Object.entries(EXTRA_SYMBOL_WORDS))
      groups[id] = [...(groups[id] ?? []), ...words];
    for (const [id, words] of Object.entries(groups)) {
      if (SKIPPED_SYMBOLS.has(id)) continue;
      for (const w of [id, ...words]) for (const tokens of phraseTokens(String(w))) symbols.add(tokens, id);
    }
  }
  return symbols;
}

export function similarPairs(): string[][] {
  return tables.similarPairs;
}
