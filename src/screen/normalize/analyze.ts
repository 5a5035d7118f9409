/**
 * Name analysis: one written name → its comparable forms (one per romanisation scheme), each a list
 * of weighted tokens plus the legal forms taken off. Every step is recorded on the tokens so a score
 * can be explained: the surface word, the Russian ending dropped, the symbol group it belongs to.
 */

import { editCost, fuzzySimilarityOnce } from "../score/edit-cost.js";
import { foldText, hasNonLatinLetters } from "./fold.js";
import {
  ENTITY_SYMBOLS,
  type LegalFormInfo,
  legalFormTable,
  symbolTable,
  WEAK_SYMBOLS,
} from "./name-tables.js";
import { findNumbers } from "./numbers.js";
import { placeOf } from "./places.js";
import { stripRussianEnding } from "./russian.js";
import { skeleton } from "./skeleton.js";
import { DOMAIN_MARK, tokenise } from "./tokens.js";
import { romanise, type Scheme } from "./translit.js";

export type FormScheme = "latin" | Scheme;

export interface Token {
  /** Comparable text: romanised, ending dropped, numbers as digits. */
  text: string;
  /** The token as it stood after tokenising (before endings and number conversion). */
  surface: string;
  kind: "word" | "number" | "stop";
  /** Symbol group ("lab", "co", "intl") when the word is a generic organisation term. */
  symbol?: string;
  /** Every symbol group of the word, the first being `symbol` ("corporation": co, corp). */
  symbols?: readonly string[];
  /** Russian adjective ending removed ("ogo"). */
  ending?: string;
  /** Country (ISO alpha-2) when the word names one: a qualifier, not part of the name proper. */
  place?: string;
  skeleton: string;
  weight: number;
  /** A word that can carry a match on its own: not a symbol, stopword or number. */
  distinctive: boolean;
}

export interface NameForm {
  scheme: FormScheme;
  tokens: Token[];
  legalForms: LegalFormInfo[];
  /** Token texts joined by spaces and without them (for merge/split comparisons). */
  key: string;
  joined: string;
  /** Every token before legal forms were taken off, joined ("siemensag"). */
  full: string;
}

const STOPWORDS = new Set([
  "and",
  "the",
  "of",
  "for",
  "in",
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "el",
  "al",
  "da",
  "do",
  "dos",
  "das",
  "di",
  "del",
  "della",
  "und",
  "et",
  "y",
  "i",
  "e",
  "a",
  "an",
  "no",
  "nr",
  "od",
  "pod",
]);
const LEADING_PREFIXES = new Set(["the", "mv", "mt", "ss", "tb", "nm", "msv", "mys"]);

function wordWeight(len: number): number {
  return Math.min(len, 12);
}

function makeToken(
  surface: string,
  text: string,
  kind: Token["kind"],
  symbols?: readonly string[],
  ending?: string,
): Token {
  const symbol = symbols?.[0];
  let weight: number;
  // The written word too: "Polska" is a country, though it looks like an adjective ending ("polsk").
  const place = kind === "word" && !symbol ? (placeOf(text) ?? placeOf(surface)) : undefined;
  if (kind === "number") weight = 5;
  else if (place) weight = 0.8 * wordWeight(text.length);
  else if (kind === "stop") weight = 0.25 * wordWeight(text.length);
  else if (symbol && !ENTITY_SYMBOLS.has(symbol))
    weight = (WEAK_SYMBOLS.has(symbol) ? 0.3 : 0.5) * wordWeight(text.length);
  else weight = text.length === 1 ? 1 : wordWeight(text.length);
  const t: Token = {
    text,
    surface,
    kind,
    skeleton: kind === "word" ? skeleton(text) : text,
    weight,
    distinctive: kind === "word" && !place && (!symbol || ENTITY_SYMBOLS.has(symbol)) && text.length >= 2,
  };
  if (place) t.place = place;
  if (symbol) {
    t.symbol = symbol;
    t.symbols = symbols!;
  }
  if (ending) t.ending = ending;
  return t;
}

const typoOf = (a: string, b: string) => fuzzySimilarityOnce(a, b) > 0;
/** One typo exactly (a letter dropped, added, changed or two swapped): "limitud", "limitted". */
const oneTypo = (a: string, b: string) => editCost(a, b) <= 1;

/** Takes legal forms off the start and the end (and long ones anywhere); never empties the name. */
function stripLegalForms(tokens: string[]): { rest: string[]; forms: LegalFormInfo[] } {
  const table = legalFormTable();
  const forms: LegalFormInfo[] = [];
  let start = 0;
  let end = tokens.length;
  // Typos inside a multi-word legal form ("LIMITD LIABILITY COMPANY", "JOINT STOCK COMPAYN") should
  // not leave its words in the name: a typo-tolerant match (one word off) wins where it is longer
  // than the exact one.
  for (let first = true; ; first = false) {
    let m: { length: number; value: LegalFormInfo } | undefined =
      end - start > 1 ? table.matchAt(tokens, start) : undefined;
    if (first && end - start > 2) {
      const t = table.matchWithTypo(tokens, typoOf, { start });
      if (t && t.length > (m?.length ?? 0)) m = t;
    }
    if (!m || start + m.length >= end) break;
    forms.push(m.value);
    start += m.length;
  }
  for (let first = true; ; first = false) {
    let m: { start: number; value: LegalFormInfo } | undefined =
      end - start > 1 ? table.matchEndingAt(tokens, end) : undefined;
    if (first && end - start > 2) {
      const t = table.matchWithTypo(tokens, typoOf, { end });
      if (t && t.start < (m?.start ?? end)) m = t;
    }
    if (!m || m.start <= start) break;
    forms.push(m.value);
    end = m.start;
  }
  // A typo in a one-word legal form at either end ("WHITELEAVE HOLDINGS LIMITTED"), once no exact
  // form is left there: the word is set aside like the form it misspells.
  if (end - start > 1 && !table.matchAt(tokens, end - 1)) {
    const v = table.matchWordWithTypo(tokens[end - 1]!, oneTypo);
    if (v) {
      forms.push(v);
      end--;
    }
  }
  if (end - start > 1 && !table.matchAt(tokens, start)) {
    const v = table.matchWordWithTypo(tokens[start]!, oneTypo);
    if (v) {
      forms.push(v);
      start++;
    }
  }
  const rest: string[] = [];
  for (let i = start; i < end; ) {
    const m = table.matchAt(tokens, i);
    // Short forms ("Ltd", "SA") only where they end the name proper: followed by nothing but
    // business words ("GEFESD LTD Trading"), not inside it ("AG Bank").
    const long =
      m && (m.length > 1 || tokens[i]!.length >= 4 || onlyBusinessWords(tokens, i + m.length, end));
    if (m && long && end - start - m.length >= 1 && i + m.length <= end) {
      forms.push(m.value);
      i += m.length;
    } else rest.push(tokens[i++]!);
  }
  return { rest, forms };
}

/** Whether tokens[from, end) are all symbol-table phrases (generic business words). */
function onlyBusinessWords(tokens: string[], from: number, end: number): boolean {
  if (from >= end) return false;
  const symbols = symbolTable();
  for (let i = from; i < end; ) {
    const m = symbols.matchAt(tokens, i);
    if (!m) return false;
    i += m.length;
  }
  return true;
}

function buildTokens(words: string[]): Token[] {
  const numbers = findNumbers(words);
  const symbols = symbolTable();
  const out: Token[] = [];
  let n = 0;
  for (let i = 0; i < words.length; ) {
    const num = numbers[n];
    if (num && num.at === i) {
      out.push(makeToken(words.slice(i, i + num.length).join(" "), num.value, "number"));
      i += num.length;
      n++;
      continue;
    }
    // A table phrase with one word misspelt ("research and produtcion") is still that phrase,
    // when it is longer than the phrase found exactly ("research").
    let sym: { length: number; value: readonly string[] } | undefined = symbols.matchAt(words, i);
    if (i + 1 < words.length) {
      const t = symbols.matchWithTypo(words, typoOf, { start: i });
      if (t && t.length > (sym?.length ?? 0)) sym = t;
    }
    if (sym) {
      const surface = words.slice(i, i + sym.length).join(" ");
      out.push(makeToken(surface, surface.replace(/ /g, ""), "word", sym.value));
      i += sym.length;
      continue;
    }
    const w = words[i++]!;
    // A web domain's ending ("Amazon.com"): said nothing about the party.
    if (w.startsWith(DOMAIN_MARK)) {
      const tld = w.slice(DOMAIN_MARK.length);
      out.push(makeToken(`.${tld}`, tld, "stop"));
      continue;
    }
    if (STOPWORDS.has(w)) {
      out.push(makeToken(w, w, "stop"));
      continue;
    }
    const stem = stripRussianEnding(w);
    out.push(stem ? makeToken(w, stem.stem, "word", undefined, stem.ending) : makeToken(w, w, "word"));
  }
  return out;
}

/**
 * In a name made only of generic words and a country ("Bank of China", "Air France"), the country
 * is what tells the party apart: it becomes the distinctive word, so a typo of it is a typo of the
 * name and another country is another party.
 */
function markPlaceNames(tokens: Token[]): void {
  if (tokens.some((t) => t.distinctive)) return;
  for (const t of tokens) if (t.place) t.distinctive = true;
}

function formFrom(scheme: FormScheme, text: string): NameForm | undefined {
  let words = tokenise(text);
  while (words.length > 1 && LEADING_PREFIXES.has(words[0]!)) words = words.slice(1);
  if (words.length === 0) return undefined;
  const { rest, forms } = stripLegalForms(words);
  const tokens = buildTokens(rest);
  if (tokens.length === 0) return undefined;
  markPlaceNames(tokens);
  const texts = tokens.map((t) => t.text);
  return {
    scheme,
    tokens,
    legalForms: forms,
    key: texts.join(" "),
    joined: texts.join(""),
    full: words.join("").replaceAll(DOMAIN_MARK, ""),
  };
}

/** The comparable forms of one name: one for Latin text, one per romanisation scheme otherwise. */
export function analyseName(name: string): NameForm[] {
  const folded = foldText(name);
  const texts: { scheme: FormScheme; text: string }[] = hasNonLatinLetters(folded)
    ? romanise(folded)
    : [{ scheme: "latin", text: folded }];
  if (texts.length === 0) texts.push({ scheme: "latin", text: folded });
  const out: NameForm[] = [];
  const seen = new Set<string>();
  for (const { scheme, text } of texts) {
    const form = formFrom(scheme, text);
    if (form && !seen.has(form.key)) {
      seen.add(form.key);
      out.push(form);
    }
  }
  return out;
}
