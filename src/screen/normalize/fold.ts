/**
 * Text folding before tokenising: compatibility forms, case, quotes and apostrophes, Latin
 * diacritics and ligatures, and homoglyphs inside mixed-script words ("Kаspersky" with a Cyrillic
 * "а" is a disguise or a typing accident, never a different name). Non-Latin letters keep their
 * diacritics here (й, ё, ї are letters of their own); transliteration deals with them.
 */

const LATIN_SPECIAL: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ŀ: "l",
  ſ: "s",
  ĳ: "ij",
  ħ: "h",
  ŧ: "t",
  ŋ: "n",
};

/** Cyrillic letters that look like Latin ones (lower case, after case folding). */
const CYR_TO_LAT: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ү: "y",
};
const LAT_TO_CYR: Record<string, string> = Object.fromEntries(
  Object.entries(CYR_TO_LAT).map(([c, l]) => [l, c]),
);

const QUOTES = /[«»“”„‟"‹›❝❞〝〞＂]/g;
const APOSTROPHES = /['’‘‛`´ʼʻ′＇]/g;
const LATIN_LETTER = /\p{Script=Latin}/u;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;

/** Folds homoglyphs in a word that mixes Latin and Cyrillic letters towards its majority script. */
export function foldHomoglyphs(word: string): string {
  let lat = 0;
  let cyr = 0;
  for (const ch of word) {
    if (LATIN_LETTER.test(ch)) lat++;
    else if (CYRILLIC_LETTER.test(ch)) cyr++;
  }
  if (lat === 0 || cyr === 0) return word;
  const table = lat >= cyr ? CYR_TO_LAT : LAT_TO_CYR;
  let out = "";
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}

/** NFKC, lower case, quotes to spaces, apostrophes dropped, Latin diacritics and ligatures folded. */
export function foldText(text: string): string {
  // Plain ASCII (most list names) needs only case and quotes.
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text
      .toLowerCase()
      .replace(/([a-z])'s(?![a-z])/g, "$1")
      .replace(/"/g, " ")
      .replace(/['`]/g, "");
  }
  let s = text.normalize("NFKC").toLowerCase();
  // Possessive "'s" goes ("Deutsche Bank's"); other apostrophes join ("O'Doyle" = "ODoyle").
  s = s
    .replace(/(\p{L})['’]s(?![\p{L}])/gu, "$1")
    .replace(QUOTES, " ")
    .replace(APOSTROPHES, "");
  // Strip combining marks from Latin letters only: й, ё, ї must survive for transliteration.
  s = s
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC");
  s = s.replace(/[ßæœøłđðþıŀſĳħŧŋ]/g, (c) => LATIN_SPECIAL[c] ?? c);
  return s.replace(/[\p{L}\p{M}\p{N}]+/gu, foldHomoglyphs);
}

export const SCRIPT = {
  cyrillic: /\p{Script=Cyrillic}/u,
  greek: /\p{Script=Greek}/u,
  georgian: /\p{Script=Georgian}/u,
  armenian: /\p{Script=Armenian}/u,
} as const;

export function hasNonLatinLetters(text: string): boolean {
  return /(?!\p{Script=Latin})\p{L}/u.test(text);
}
