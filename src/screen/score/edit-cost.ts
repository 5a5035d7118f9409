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
for (const [a, b] of [...similarPairs(), ...EXTRA_PAIRS]) {
  if (a && b) {
    CONFUSABLE.add(a + b);
    CONFUSABLE.add(b + a);
  }
}

const isDigit = (c: string) => c >= "0" && c <= "9";

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if (isDigit(a) || isDigit(b)) return 1.5;
  return CONFUSABLE.has(a + b) ? 0.7 : 1;
}

function indelCost(c: string): number {
  return isDigit(c) ? 1.5 : 1;
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
  for (let j = 1; j <= n; j++) prev[j] = prev[j - 1]! + indelCost(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1]!;
    cur[0] = prev[0]! + indelCost(ca);
    for (let j = 1; j <= n; j++) {
      const cb = b[j - 1]!;
      let v = Math.min(
        prev[j]! + indelCost(ca),
        cur[j - 1]! + indelCost(cb),
        prev[j - 1]! + substitutionCost(ca, cb),
      );
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb && ca !== cb)
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

const LOG_BASE = Math.log(2.35);

/** Edits a token of this length may absorb: 0 up to three letters, about 1.3 at five, 2.4 at ten. */
export function editBudget(len: number): number {
  return Math.log(Math.max(len - 2, 1)) / LOG_BASE;
}

/**
 * Similarity of two tokens in 0..1: the product of each side's 1 − cost/length, or 0 when the
 * cost exceeds either side's budget.
 */
export function fuzzySimilarity(a: string, b: string): { sim: number; cost: number } {
  if (a === b) return { sim: 1, cost: 0 };
  if (Math.abs(a.length - b.length) > editBudget(Math.max(a.length, b.length)))
    return { sim: 0, cost: Infinity };
  const cost = editCost(a, b);
  if (cost > editBudget(a.length) || cost > editBudget(b.length)) return { sim: 0, cost };
  return { sim: (1 - cost / a.length) * (1 - cost / b.length), cost };
}
