/**
 * Weighted edit distance between two tokens, after rigour's `compare_parts`: letters that look or
 * sound alike (0/o, c/k, e/i …) cost 0.7, a digit costs 1.5, a transposition 1, anything else 1.
 * A token may only absorb a budget of log₂.₃₅(len − 2) edits, so tokens of three letters or fewer
 * never match fuzzily ("CVS" is not "CVC"), and long tokens tolerate two or three typos.
 */
import { similarPairs } from "../normalize/name-tables.js";

/** Voiced/unvoiced and romanisation pairs (Gazprom/Gasprom, Cencora/Sencora), on top of rigour's. */
const EXTRA_PAIRS = [
  ["s", "z"],
  ["c", "s"],
  ["v", "w"],
  ["f", "v"],
  ["b", "p"],
  ["d", "t"],
  ["g", "k"],
  ["y", "j"],
];
const CONFUSABLE = new Set<string>();
/** ASCII pairs as a flat table: the inner loop must not build strings. */
const ASCII_CONFUSABLE = new Uint8Array(128 * 128);
for (const [a, b] of [...similarPairs(), ...EXTRA_PAIRS]) {
  if (a && b) {
    CONFUSABLE.add(a + b);
    CONFUSABLE.add(b + a);
    if (a.length === 1 && b.length === 1 && a.charCodeAt(0) < 128 && b.charCodeAt(0) < 128) {
      ASCII_CONFUSABLE[a.charCodeAt(0) * 128 + b.charCodeAt(0)] = 1;
      ASCII_CONFUSABLE[b.charCodeAt(0) * 128 + a.charCodeAt(0)] = 1;
    }
  }
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

function substitutionCost(a: string, b: string, ca: number, cb: number): number {
  if (ca === cb) return 0;
  if (isDigitCode(ca) || isDigitCode(cb)) return 1.5;
  if (ca < 128 && cb < 128) return ASCII_CONFUSABLE[ca * 128 + cb] ? 0.7 : 1;
  return CONFUSABLE.has(a + b) ? 0.7 : 1;
}

function indelCost(c: number): number {
  return isDigitCode(c) ? 1.5 : 1;
}

let rowA = new Float64Array(64);
let rowB = new Float64Array(64);
let rowC = new Float64Array(64);

/** Optimal-string-alignment distance with the weighted costs above. */
export function editCost(a: string, b: string): number {
  if (a === b) return 0;
  const n = b.length;
  if (rowA.length < n + 1) {
    rowA = new Float64Array(n + 1);
    rowB = new Float64Array(n + 1);
    rowC = new Float64Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  prev[0] = 0;
  for (let j = 1; j <= n; j++) prev[j] = prev[j - 1]! + indelCost(b.charCodeAt(j - 1));
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    const ia = indelCost(ca);
    cur[0] = prev[0]! + ia;
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(
        prev[j]! + ia,
        cur[j - 1]! + indelCost(cb),
        prev[j - 1]! + substitutionCost(a[i - 1]!, b[j - 1]!, ca, cb),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && ca !== cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

/**
 * Han, kana and hangul: a character is a word or a syllable of one, not a letter, so one changed
 * character is another name ("青葉堂"/"青山堂", "박민수"/"박민주"), never a typo.
 */
function isSyllabicOrIdeographic(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || // hiragana, katakana
    (c >= 0x3400 && c <= 0x9fff) || // CJK unified ideographs (and extension A)
    (c >= 0xac00 && c <= 0xd7af) || // hangul syllables
    (c >= 0x1100 && c <= 0x11ff) || // hangul jamo
    (c >= 0xf900 && c <= 0xfaff) // CJK compatibility ideographs
  );
}

function hasIdeographs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x1100 && isSyllabicOrIdeographic(c)) return true;
  }
  return false;
}

const LOG_BASE = Math.log(2.35);

/** Edits a token of this length may absorb: 0 up to three letters, about 1.3 at five, 2.4 at ten. */
export function editBudget(len: number): number {
  return Math.log(Math.max(len - 2, 1)) / LOG_BASE;
}

/**
 * Similarity of two tokens in 0..1: the product of each side's 1 − cost/length, or 0 when the
 * cost exceeds either side's budget.
 */
const LOG_BUDGETS = Array.from({ length: 64 }, (_, n) => Math.log(Math.max(n - 2, 1)) / LOG_BASE);
const cache = new Map<string, { sim: number; cost: number }>();

const NO_MATCH = Object.freeze({ sim: 0, cost: Infinity });

/** Similarity without the cache, for one-off comparisons (candidate search over the vocabulary). */
export function fuzzySimilarityOnce(a: string, b: string): number {
  if (a === b) return 1;
  const budget = Math.min(
    a.length < 64 ? LOG_BUDGETS[a.length]! : editBudget(a.length),
    b.length < 64 ? LOG_BUDGETS[b.length]! : editBudget(b.length),
  );
  if (budget < 0.7 || Math.abs(a.length - b.length) > budget) return 0;
  if (hasIdeographs(a) || hasIdeographs(b)) return 0;
  const cost = editCost(a, b);
  return cost > budget ? 0 : (1 - cost / a.length) * (1 - cost / b.length);
}

export function fuzzySimilarity(a: string, b: string): { sim: number; cost: number } {
  if (a === b) return { sim: 1, cost: 0 };
  const ba = a.length < 64 ? LOG_BUDGETS[a.length]! : editBudget(a.length);
  const bb = b.length < 64 ? LOG_BUDGETS[b.length]! : editBudget(b.length);
  const budget = Math.min(ba, bb);
  // Nothing cheaper than a confusable substitution (0.7) fits: short tokens never match fuzzily.
  if (budget < 0.7 || Math.abs(a.length - b.length) > budget) return NO_MATCH;
  if (hasIdeographs(a) || hasIdeographs(b)) return NO_MATCH;
  const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cost = editCost(a, b);
  const out = cost > budget ? { sim: 0, cost } : { sim: (1 - cost / a.length) * (1 - cost / b.length), cost };
  if (cache.size > 200_000) cache.clear();
  cache.set(key, out);
  return out;
}
