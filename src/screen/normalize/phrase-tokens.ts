/**
 * Token sequences of a table phrase (legal form, symbol word) under every romanisation that applies,
 * made exactly as names are tokenised so the two always meet. Also the compilation of the rigour
 * tables into those sequences, which bench/screening/build-name-tables.ts stores in the JSON so
 * loading does not redo it (a unit test checks the stored copy against this code).
 */
import { foldText } from "./fold.js";
import { EXTRA_LEGAL_FORMS, EXTRA_SYMBOL_WORDS } from "./supplements.js";
import { tokenise } from "./tokens.js";
import { romanise } from "./translit.js";

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

/** Groups left out: "tpb" turns three common words into one token, so "Tactical Missiles Corp." loses. */
const SKIPPED_SYMBOLS = new Set(["tpb"]);

export interface RawTables {
  legalForms: [string, string, string | null][];
  orgSymbols: Record<string, string[]>;
  orgDomains: Record<string, string[]>;
}

export interface CompiledTables {
  /** [tokens joined by spaces, index into the legal-form rows (ours first, then rigour's)]. */
  legalForms: [string, number][];
  /** [tokens joined by spaces, symbol group]. */
  symbols: [string, string][];
}

export function legalFormRows(raw: RawTables): [string, string, string | null][] {
  return [...EXTRA_LEGAL_FORMS, ...raw.legalForms];
}

export function compileTables(raw: RawTables): CompiledTables {
  const legalForms: [string, number][] = [];
  legalFormRows(raw).forEach(([alias], i) => {
    for (const tokens of phraseTokens(alias)) {
      // "II" is listed as a legal form; in names it is far more often a numeral.
      if (tokens.every((t) => /^(\d+|[ivx]+)$/.test(t))) continue;
      legalForms.push([tokens.join(" "), i]);
    }
  });
  const groups: Record<string, string[]> = { ...raw.orgSymbols, ...raw.orgDomains };
  for (const [id, words] of Object.entries(EXTRA_SYMBOL_WORDS))
    groups[id] = [...(groups[id] ?? []), ...words];
  const symbols: [string, string][] = [];
  for (const [id, words] of Object.entries(groups)) {
    if (SKIPPED_SYMBOLS.has(id)) continue;
    for (const w of [id, ...words])
      for (const tokens of phraseTokens(String(w))) symbols.push([tokens.join(" "), id]);
  }
  return { legalForms, symbols };
}
