/**
 * Romanisation of the non-Latin scripts suppliers write their names in. Cyrillic is romanised under
 * several schemes at once, because the spelling on a list depends on who romanised it: U.S.
 * agencies use BGN/PCGN ("Kasperskiy"), passports ICAO 9303 ("Kasperskii"), libraries and Russian
 * customs GOST 7.79 ("Kasperskij"), the press a Wikipedia-like style ("Kaspersky"); Ukrainian names
 * follow the 2010 national system. Each variant is scored and the explanation names the scheme.
 */
import { SCRIPT } from "./fold.js";

export type Scheme = "bgn-pcgn" | "icao-9303" | "gost-7.79" | "wikipedia" | "ukrainian-2010" | "national";

const COMMON: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  ж: "zh",
  з: "z",
  и: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ь: "",
  ы: "y",
  э: "e",
  // Letters of other Cyrillic alphabets, romanised the common way under every Russian scheme.
  і: "i",
  ї: "yi",
  є: "ye",
  ґ: "g",
  ў: "u",
  ј: "j",
  ђ: "dj",
  љ: "lj",
  њ: "nj",
  ћ: "c",
  џ: "dz",
  ѓ: "gj",
  ќ: "kj",
  ѕ: "dz",
  ә: "a",
  ө: "o",
  ү: "u",
  ұ: "u",
  қ: "k",
  ғ: "g",
  ң: "ng",
  һ: "h",
};

interface CyrillicScheme {
  map: Record<string, string>;
  /** Romanisation of е/ё/ю/я/є/ї at the start of a word or after a vowel or a sign, when it differs. */
  initial?: Record<string, string>;
  /** Word endings romanised as a whole ("-ский" → "-sky" in the press style). */
  finals?: [RegExp, string][];
}

const VOWELS = new Set([..."аеёиоуыэюяіїєaeiou", "ъ", "ь", "й"]);

const CYRILLIC: Record<Exclude<Scheme, "national">, CyrillicScheme> = {
  "bgn-pcgn": {
    map: { ...COMMON, е: "e", ё: "e", й: "y", ю: "yu", я: "ya" },
    initial: { е: "ye", ё: "ye" },
  },
  "icao-9303": { map: { ...COMMON, е: "e", ё: "e", й: "i", ъ: "ie", ю: "iu", я: "ia" } },
  "gost-7.79": {
    map: { ...COMMON, е: "e", ё: "yo", й: "j", х: "x", ц: "cz", щ: "shh", ю: "yu", я: "ya" },
  },
  wikipedia: {
    map: { ...COMMON, е: "e", ё: "yo", й: "y", ю: "yu", я: "ya" },
    initial: { е: "ye" },
    finals: [[/[иы]й(?![\p{L}])/gu, "y"]],
  },
  "ukrainian-2010": {
    map: { ...COMMON, г: "h", и: "y", й: "i", є: "ie", ї: "i", ю: "iu", я: "ia", е: "e" },
    initial: { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" },
  },
};

/** Greek (ELOT 743), Georgian (national 2002) and Armenian (BGN/PCGN-like), one scheme each. */
const GREEK: Record<string, string> = {
  α: "a",
  ά: "a",
  β: "v",
  γ: "g",
  δ: "d",
  ε: "e",
  έ: "e",
  ζ: "z",
  η: "i",
  ή: "i",
  θ: "th",
  ι: "i",
  ί: "i",
  ϊ: "i",
  ΐ: "i",
  κ: "k",
  λ: "l",
  μ: "m",
  ν: "n",
  ξ: "x",
  ο: "o",
  ό: "o",
  π: "p",
  ρ: "r",
  σ: "s",
  ς: "s",
  τ: "t",
  υ: "y",
  ύ: "y",
  ϋ: "y",
  ΰ: "y",
  φ: "f",
  χ: "ch",
  ψ: "ps",
  ω: "o",
  ώ: "o",
};
const GREEK_DIGRAPHS: [string, string][] = [
  ["ου", "ou"],
  ["ού", "ou"],
  ["αι", "ai"],
  ["ει", "ei"],
  ["οι", "oi"],
  ["μπ", "b"],
  ["ντ", "nt"],
  ["γκ", "gk"],
  ["γγ", "ng"],
];
const GEORGIAN: Record<string, string> = Object.fromEntries(
  [..."აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"].map((c, i) => [
    c,
    [
      "a",
      "b",
      "g",
      "d",
      "e",
      "v",
      "z",
      "t",
      "i",
      "k",
      "l",
      "m",
      "n",
      "o",
      "p",
      "zh",
      "r",
      "s",
      "t",
      "u",
      "p",
      "k",
      "gh",
      "q",
      "sh",
      "ch",
      "ts",
      "dz",
      "ts",
      "ch",
      "kh",
      "j",
      "h",
    ][i]!,
  ]),
);
const ARMENIAN: Record<string, string> = {
  ա: "a",
  բ: "b",
  գ: "g",
  դ: "d",
  ե: "e",
  զ: "z",
  է: "e",
  ը: "y",
  թ: "t",
  ժ: "zh",
  ի: "i",
  լ: "l",
  խ: "kh",
  ծ: "ts",
  կ: "k",
  հ: "h",
  ձ: "dz",
  ղ: "gh",
  ճ: "ch",
  մ: "m",
  յ: "y",
  ն: "n",
  շ: "sh",
  ո: "o",
  չ: "ch",
  պ: "p",
  ջ: "j",
  ռ: "r",
  ս: "s",
  վ: "v",
  տ: "t",
  ր: "r",
  ց: "ts",
  փ: "p",
  ք: "k",
  և: "ev",
  օ: "o",
  ֆ: "f",
};

function romaniseCyrillic(input: string, scheme: CyrillicScheme): string {
  let text = input;
  for (const [re, r] of scheme.finals ?? []) text = text.replace(re, r);
  let out = "";
  let prev = " ";
  for (const ch of text) {
    const wordStart = !/\p{L}/u.test(prev) || VOWELS.has(prev);
    const r = (wordStart && scheme.initial?.[ch]) || scheme.map[ch];
    out += r ?? ch;
    prev = ch;
  }
  return out;
}

function romaniseOther(text: string): string {
  let s = text;
  if (SCRIPT.greek.test(s)) for (const [g, l] of GREEK_DIGRAPHS) s = s.split(g).join(l);
  if (SCRIPT.armenian.test(s)) s = s.replace(/ու/g, "u").replace(/(^|[^\p{L}])ո/gu, "$1vo");
  let out = "";
  for (const ch of s) out += GREEK[ch] ?? GEORGIAN[ch] ?? ARMENIAN[ch] ?? ch;
  return out;
}

const RUSSIAN_SCHEMES: Exclude<Scheme, "national">[] = ["bgn-pcgn", "icao-9303", "gost-7.79", "wikipedia"];
const UKRAINIAN_LETTERS = /[іїєґ]/;

/** The romanisations of a folded text: one per scheme that applies; `[]` for Latin-only text. */
export function romanise(folded: string): { scheme: Scheme; text: string }[] {
  const out: { scheme: Scheme; text: string }[] = [];
  if (SCRIPT.cyrillic.test(folded)) {
    const schemes = UKRAINIAN_LETTERS.test(folded)
      ? (["ukrainian-2010", ...RUSSIAN_SCHEMES] as const)
      : RUSSIAN_SCHEMES;
    for (const scheme of schemes) {
      out.push({ scheme, text: romaniseOther(romaniseCyrillic(folded, CYRILLIC[scheme])) });
    }
  } else if (SCRIPT.greek.test(folded) || SCRIPT.georgian.test(folded) || SCRIPT.armenian.test(folded)) {
    out.push({ scheme: "national", text: romaniseOther(folded) });
  }
  return out;
}
