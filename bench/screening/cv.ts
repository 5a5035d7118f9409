/**
 * Cross-validation inside the dev halves, so that thresholds and weights are chosen for how they
 * generalise rather than for the dev rows they happen to fit. The dev half of each set is cut into
 * k stratified folds (seeded, several repeats); a setting is judged by its F1 on held-out folds,
 * with the threshold itself chosen on the other folds (nested), so the judgement covers the whole
 * procedure. Test halves are never read here.
 */
import { type Prf, prf, seeded } from "./data.js";

export interface Scored {
  score: number;
  match: boolean;
  /** Rows with the same key (one pair listed twice, in two case groups) always share a fold. */
  key?: string;
}

/** Candidate thresholds: 0.40 … 0.99 in steps of 0.01. */
export const GRID: readonly number[] = Array.from(
  { length: 60 },
  (_, i) => Math.round((0.4 + i * 0.01) * 100) / 100,
);

/**
 * Stratified folds of item indices: groups of rows sharing a key (a pair listed twice) are shuffled
 * with a seed and dealt round-robin, matches first, so every fold has its share of both labels and
 * a duplicated pair never sits on both sides of a split.
 */
export function foldIndices(
  items: readonly { match: boolean; key?: string }[],
  k: number,
  seed: number,
): number[][] {
  const rnd = seeded(seed);
  const groups = new Map<string, number[]>();
  items.forEach((x, i) => {
    const key = x.key ?? `#${i}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const shuffle = (xs: number[][]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const all = [...groups.values()];
  const pos = shuffle(all.filter((g) => items[g[0]!]!.match));
  const neg = shuffle(all.filter((g) => !items[g[0]!]!.match));
  const folds: number[][] = Array.from({ length: k }, () => []);
  [...pos, ...neg].forEach((g, n) => {
    folds[n % k]!.push(...g);
  });
  return folds;
}

/** The key under which a pair's duplicates are grouped: both names folded, in either order. */
export function pairKey(left: string, right: string): string {
  const norm = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}]+/gu, "")
      .toLowerCase();
  return [norm(left), norm(right)].sort().join("\u0000");
}

export const f2 = (x: Prf): number => (x.p + x.r > 0 ? (5 * x.p * x.r) / (4 * x.p + x.r) : 0);

/** Mean over the sets of a metric at threshold t. */
export function meanAt(sets: readonly (readonly Scored[])[], t: number, metric: (x: Prf) => number): number {
  return sets.reduce((s, d) => s + metric(prf(d as Scored[], t)), 0) / sets.length;
}

/**
 * The threshold where the mean metric peaks, judged on a window of ±`smooth` around each candidate
 * (a plateau beats a spike: a spike is a few rows that happened to fall on one side), among those
 * allowed by `allowed`. Ties go to the lower threshold.
 */
export function peak(
  sets: readonly (readonly Scored[])[],
  metric: (x: Prf) => number,
  opts: { smooth?: number; allowed?: (t: number) => boolean } = {},
): { t: number; value: number } {
  const smooth = opts.smooth ?? 0;
  const raw = new Map(GRID.map((t) => [t, meanAt(sets, t, metric)]));
  let best = { t: GRID[0]!, value: -1 };
  for (const t of GRID) {
    if (opts.allowed && !opts.allowed(t)) continue;
    let s = 0;
    let n = 0;
    for (let d = -smooth; d <= smooth + 1e-9; d += 0.01) {
      const v = raw.get(Math.round((t + d) * 100) / 100);
      if (v !== undefined) {
        s += v;
        n++;
      }
    }
    const value = s / n;
    if (value > best.value + 1e-12) best = { t, value };
  }
  return best;
}

export interface CvResult {
  /** Mean held-out F1 per set, over every fold of every repeat. */
  f1: number[];
  /** Mean over sets of the above: the objective. */
  mean: number;
  /** Held-out mean F1 of each fold (repeat-major), for paired comparisons. */
  folds: number[];
  /** The match threshold each fold's training part chose. */
  thresholds: number[];
}

/**
 * Nested k-fold estimate of the held-out F1 at a match threshold chosen, on each fold's training
 * part, by `choose` (by default: the smoothed peak of the mean F1).
 */
export function crossValidate(
  sets: readonly (readonly Scored[])[],
  opts: {
    k?: number;
    seeds?: readonly number[];
    choose?: (train: Scored[][]) => number;
    /**
     * Held-out F1 is averaged over thresholds within ±margin of the chosen one: a row that clears
     * the threshold by 0.001 counts for less than one that clears it by 0.05, so a weight placed to
     * tip single dev rows over the threshold earns little.
     */
    margin?: number;
  } = {},
): CvResult {
  const k = opts.k ?? 5;
  const margin = opts.margin ?? 0;
  const seeds = opts.seeds ?? [1, 2, 3, 4];
  const choose = opts.choose ?? ((train: Scored[][]) => peak(train, (x) => x.f1, { smooth: 0.01 }).t);
  const perSet = sets.map(() => [] as number[]);
  const folds: number[] = [];
  const thresholds: number[] = [];
  for (const seed of seeds) {
    const split = sets.map((d, si) => foldIndices(d, k, seed * 101 + si));
    for (let f = 0; f < k; f++) {
      const train = sets.map((d, si) =>
        split[si]!.flatMap((idx, g) => (g === f ? [] : idx.map((i) => d[i]!))),
      );
      const held = sets.map((d, si) => split[si]![f]!.map((i) => d[i]!));
      const t = choose(train);
      thresholds.push(t);
      const f1s = held.map((h) => smoothedF1(h, t, margin));
      f1s.forEach((v, si) => {
        perSet[si]!.push(v);
      });
      folds.push(f1s.reduce((a, b) => a + b, 0) / f1s.length);
    }
  }
  const f1 = perSet.map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
  return { f1, mean: f1.reduce((a, b) => a + b, 0) / f1.length, folds, thresholds };
}

/** F1 averaged over the thresholds t − margin … t + margin (steps of 0.01). */
export function smoothedF1(scored: readonly Scored[], t: number, margin: number): number {
  let s = 0;
  let n = 0;
  for (let d = -margin; d <= margin + 1e-9; d += 0.01) {
    s += prf(scored as Scored[], Math.round((t + d) * 100) / 100).f1;
    n++;
  }
  return s / n;
}

/**
 * Mean of the paired fold differences b − a and its standard error. With repeated k-fold the folds
 * of different repeats share rows and are not independent: the error is taken over k folds, not
 * over all of them (Nadeau and Bengio's reason; otherwise four repeats would halve it for free).
 */
export function pairedDiff(
  a: readonly number[],
  b: readonly number[],
  k = 5,
): { mean: number; se: number; wins: number } {
  const d = a.map((x, i) => b[i]! - x);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, d.length - 1));
  return {
    mean,
    se: sd / Math.sqrt(Math.min(k, d.length)),
    wins: d.filter((x) => x > 1e-9).length - d.filter((x) => x < -1e-9).length,
  };
}

/**
 * For each threshold of the grid, the mean over sets of a metric on every held-out fold (k folds ×
 * the seeds' repeats), each averaged over ±margin: the raw material for choosing a threshold by
 * how it does across folds rather than on the dev half as a whole.
 */
export function foldCurves(
  sets: readonly (readonly Scored[])[],
  metric: (x: Prf) => number,
  opts: { k?: number; seeds?: readonly number[]; margin?: number } = {},
): Map<number, number[]> {
  const k = opts.k ?? 5;
  const seeds = opts.seeds ?? [1, 2, 3, 4];
  const margin = opts.margin ?? 0;
  const held: Scored[][][] = [];
  for (const seed of seeds) {
    const split = sets.map((d, si) => foldIndices(d, k, seed * 101 + si));
    for (let f = 0; f < k; f++) held.push(sets.map((d, si) => split[si]![f]!.map((i) => d[i]!)));
  }
  const at = (fold: Scored[][], t: number) => {
    let s = 0;
    let n = 0;
    for (let d = -margin; d <= margin + 1e-9; d += 0.01) {
      const tt = Math.round((t + d) * 100) / 100;
      s += fold.reduce((a, set) => a + metric(prf(set, tt)), 0) / fold.length;
      n++;
    }
    return s / n;
  };
  return new Map(GRID.map((t) => [t, held.map((fold) => at(fold, t))]));
}

/**
 * The threshold with the best mean over folds, among those `allowed`; with `tiesTo`, the lowest or
 * highest threshold whose paired difference from the best is within one standard error (the folds
 * cannot tell it from the best).
 */
export function chooseByFolds(
  curves: Map<number, number[]>,
  opts: { allowed?: (t: number) => boolean; tiesTo?: "lowest" | "highest" } = {},
): { t: number; mean: number; best: number; tied: number[] } {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ok = [...curves.keys()].filter((t) => !opts.allowed || opts.allowed(t));
  if (ok.length === 0) throw new Error("no threshold is allowed");
  const best = ok.reduce((a, b) => (mean(curves.get(b)!) > mean(curves.get(a)!) + 1e-12 ? b : a));
  const tied = ok.filter((t) => {
    const d = pairedDiff(curves.get(best)!, curves.get(t)!);
    return d.mean >= -d.se;
  });
  const t =
    opts.tiesTo === "lowest" ? Math.min(...tied) : opts.tiesTo === "highest" ? Math.max(...tied) : best;
  return { t, mean: mean(curves.get(t)!), best, tied };
}
