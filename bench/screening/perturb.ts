/** Deterministic perturbations of list names for the retrieval benchmark (recall@5). */
const LEGAL_SWAPS: [RegExp, string[]][] = [
  [/\b(LTD\.?|LIMITED)$/i, ["Limited", "Ltd", ""]],
  [/\b(LLC|L\.L\.C\.)$/i, ["Limited Liability Company", "L.L.C.", ""]],
  [/\b(JSC|OJSC|OAO|PJSC|PAO|AO|CJSC|ZAO)$/i, ["Joint Stock Company", "AO", ""]],
  [/\b(OOO)$/i, ["LLC", "Limited Liability Company", ""]],
  [/\b(CO\.?,? LTD\.?|COMPANY LIMITED)$/i, ["Co., Ltd.", "Company Limited", ""]],
  [/\b(INC\.?|INCORPORATED)$/i, ["Incorporated", "Inc", ""]],
  [/\b(GMBH)$/i, ["Gesellschaft mit beschränkter Haftung", ""]],
];

export function legalFormVariant(name: string, rnd: () => number): string {
  const n = name.trim().replace(/[.,]+$/, "");
  for (const [re, alts] of LEGAL_SWAPS) {
    if (re.test(n)) {
      const alt = alts[Math.floor(rnd() * alts.length)]!;
      return n.replace(re, alt).trim().replace(/,$/, "");
    }
  }
  return rnd() < 0.5 ? `${n} LLC` : `${n} Ltd`;
}

export function typo(name: string, rnd: () => number, count = 1): string {
  let s = name;
  for (let k = 0; k < count; k++) {
    const words = s.split(" ");
    const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 6);
    if (long.length === 0) return s;
    const [w, i] = long[Math.floor(rnd() * long.length)]!;
    const p = 1 + Math.floor(rnd() * (w.length - 2));
    const op = Math.floor(rnd() * 4);
    let out: string;
    if (op === 0) out = w.slice(0, p) + w.slice(p + 1);
    else if (op === 1) out = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
    else if (op === 2) out = w.slice(0, p) + w[p] + w.slice(p);
    else out = `${w.slice(0, p)}${"aeiou"[Math.floor(rnd() * 5)]}${w.slice(p + 1)}`;
    words[i] = out;
    s = words.join(" ");
  }
  return s;
}

const LEADING_FORM =
  /^(limited liability company|joint[- ]stock company|open joint[- ]stock company|closed joint[- ]stock company|public joint[- ]stock company|obshchestvo s ogranichenno[iyj] otvetstvennostyu|obshestvo s ogranichenno[iyj] otvetstvennostyu|aktsionernoe obshchestvo|ooo|oao|zao|pao|ao|jsc|ojsc|llc)\s+/i;
const TRAILING_FORM =
  /\s+(limited|ltd\.?|llc|l\.l\.c\.|inc\.?|corp\.?|jsc|ooo|oao|zao|ao|gmbh|s\.a\.|co\.,? ltd\.?)$/i;

/** Word order as suppliers vary it: the legal form moves to the other end, or the name words rotate. */
export function reorder(name: string): string {
  const n = name.trim();
  const lead = LEADING_FORM.exec(n);
  if (lead) return `${n.slice(lead[0].length)} ${lead[1]}`;
  const trail = TRAILING_FORM.exec(n);
  const core = trail ? n.slice(0, trail.index) : n;
  const words = core.split(" ").filter(Boolean);
  if (words.length < 2) return trail ? `${trail[1]} ${core}` : n;
  return [...words.slice(1), words[0], ...(trail ? [trail[1]] : [])].join(" ");
}

const TO_CYRILLIC: [string, string][] = [
  ["shch", "щ"],
  ["kh", "х"],
  ["zh", "ж"],
  ["ts", "ц"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["yu", "ю"],
  ["ya", "я"],
  ["ye", "е"],
  ["yo", "ё"],
  ["a", "а"],
  ["b", "б"],
  ["v", "в"],
  ["g", "г"],
  ["d", "д"],
  ["e", "е"],
  ["z", "з"],
  ["i", "и"],
  ["y", "ы"],
  ["k", "к"],
  ["l", "л"],
  ["m", "м"],
  ["n", "н"],
  ["o", "о"],
  ["p", "п"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["u", "у"],
  ["f", "ф"],
  ["c", "к"],
  ["x", "кс"],
  ["w", "в"],
  ["h", "х"],
  ["j", "й"],
  ["q", "к"],
];

const RUSSIAN_FORMS: [RegExp, string][] = [
  [/\b(open joint[- ]stock company|ojsc|oao)\b/gi, "ОАО"],
  [/\b(closed joint[- ]stock company|cjsc|zao)\b/gi, "ЗАО"],
  [/\b(public joint[- ]stock company|pjsc|pao)\b/gi, "ПАО"],
  [/\b(joint[- ]stock company|jsc|ao)\b/gi, "АО"],
  [/\b(limited liability company|llc|ooo)\b/gi, "ООО"],
];

/**
 * A romanised Russian name as a Russian supplier writes it: legal forms as Russian abbreviations,
 * the rest back in Cyrillic letter by letter (-iy/-y endings as -ий, y before a vowel as й).
 */
export function toCyrillic(name: string): string {
  let named = name;
  for (const [re, r] of RUSSIAN_FORMS) named = named.replace(re, r);
  let s = named
    .toLowerCase()
    .replace(/(iy|yy|y)(?=\b)/g, "ий")
    .replace(/y(?=[aeiou])/g, "й");
  let out = "";
  outer: while (s.length > 0) {
    for (const [l, c] of TO_CYRILLIC) {
      if (s.startsWith(l)) {
        out += c;
        s = s.slice(l.length);
        continue outer;
      }
    }
    out += s[0];
    s = s.slice(1);
  }
  return out;
}
