/**
 * Numbers written as words, ordinals or Roman numerals become digits, so "Forty-Four", "44" and
 * "XLIV" meet, and a numbered sibling ("Leasing 3" / "Leasing 6") is seen as a number mismatch.
 */
const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUE: Record<string, number> = { i: 1, v: 5, x: 10 };

function romanValue(t: string): number | undefined {
  if (!ROMAN.test(t)) return undefined;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN_VALUE[t[i]!]!;
    const next = ROMAN_VALUE[t[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export interface NumberToken {
  /** Index of the first token and how many tokens the number spans. */
  at: number;
  length: number;
  value: string;
}

/**
 * Numbers in a token list. A lone "i", "v" or "x" is a numeral only as the last token ("Sino Iron
 * I"); elsewhere it is a word or an initial ("Lewandowski i Wspólnicy").
 */
export function findNumbers(tokens: readonly string[]): NumberToken[] {
  const out: NumberToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const c = t.charCodeAt(0);
    const digit = c >= 48 && c <= 57;
    // Most tokens are ordinary words: skip them before any regex.
    if (!digit && !(t in UNITS) && !(t in TENS) && !(t.length <= 5 && /^[ivx]+$/.test(t))) continue;
    if (/^\d+$/.test(t)) {
      out.push({ at: i, length: 1, value: String(Number(t)) });
      continue;
    }
    const ord = /^(\d+)(st|nd|rd|th)$/.exec(t);
    if (ord) {
      out.push({ at: i, length: 1, value: String(Number(ord[1])) });
      continue;
    }
    const tens = TENS[t];
    if (tens !== undefined) {
      const next = tokens[i + 1] ?? "";
      const unit = /^[1-9]$/.test(next) ? Number(next) : UNITS[next];
      if (unit !== undefined && unit > 0 && unit < 10) {
        out.push({ at: i, length: 2, value: String(tens + unit) });
        i++;
      } else out.push({ at: i, length: 1, value: String(tens) });
      continue;
    }
    const unit = UNITS[t];
    if (unit !== undefined) {
      out.push({ at: i, length: 1, value: String(unit) });
      continue;
    }
    if (t.length === 1 && i !== tokens.length - 1) continue;
    const r = t.length <= 5 ? romanValue(t) : undefined;
    if (r) out.push({ at: i, length: 1, value: String(r) });
  }
  return out;
}
