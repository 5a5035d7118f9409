/** Evaluation data for the screening benchmark: the shared labelled pair sets and the seeded split. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { csvRecords } from "../../src/screen/lists/csv-text.js";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const SHARED_DATA = join(HERE, "../../../shared/data");

export function csvObjects(path: string): Record<string, string>[] {
  const it = csvRecords(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  const first = it.next();
  if (first.done) return [];
  const head = first.value.fields;
  const out: Record<string, string>[] = [];
  for (const { fields } of it) out.push(Object.fromEntries(head.map((h, i) => [h, fields[i] ?? ""])));
  return out;
}

export function sharedPath(...parts: string[]): string | undefined {
  const p = join(SHARED_DATA, ...parts);
  if (existsSync(p)) return p;
  console.warn(`[skip] ../shared/data/${parts.join("/")} is not here`);
  return undefined;
}

export interface Pair {
  left: string;
  right: string;
  match: boolean;
  group: string;
  category: string;
  /** Anchor's score for the same pair (logic-v2 frozen, or Watchman), when known. */
  anchor?: number;
}

const ORG = new Set(["Company", "Organization", "LegalEntity"]);

export function nomenklaturaPairs(orgsOnly: boolean): Pair[] {
  const path = sharedPath("eval", "nomenklatura-name-bench-cases.csv");
  if (!path) return [];
  const frozenPath = sharedPath("eval", "nomenklatura-name-bench-logicv2-frozen.csv");
  const frozen = new Map<string, number>();
  if (frozenPath) {
    for (const r of csvObjects(frozenPath))
      frozen.set([r.case_group, r.schema, r.name1, r.name2].join("\u0000"), Number(r.score));
  }
  return csvObjects(path)
    .filter((r) => !orgsOnly || ORG.has(r.schema ?? ""))
    .map((r) => {
      const p: Pair = {
        left: r.name1!,
        right: r.name2!,
        match: r.is_match === "true",
        group: r.case_group!,
        category: r.category ?? "",
      };
      const a = frozen.get([r.case_group, r.schema, r.name1, r.name2].join("\u0000"));
      if (a !== undefined) p.anchor = a;
      return p;
    });
}

export function cascadePairs(companyOnly: boolean): Pair[] {
  const path = sharedPath("eval", "cascade-name-pairs.csv");
  if (!path) return [];
  return csvObjects(path)
    .filter((r) => !companyOnly || r.schema === "Company")
    .map((r) => ({
      left: r.name1!,
      right: r.name2!,
      match: r.is_match === "true",
      group: r.case_group!,
      category: r.category ?? "",
      anchor: Number(r.score),
    }));
}

/** mulberry32: a small seeded generator, so the split is the same on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded 50/50 split: `dev` chooses thresholds and weights, `test` reports them. */
export function split<T>(items: T[], seed = 42): { dev: T[]; test: T[] } {
  const rnd = seeded(seed);
  const idx = items.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const half = Math.floor(items.length / 2);
  return { dev: idx.slice(0, half).map((i) => items[i]!), test: idx.slice(half).map((i) => items[i]!) };
}

export interface Prf {
  n: number;
  p: number;
  r: number;
  f1: number;
}

export function prf(scored: { score: number; match: boolean }[], threshold: number): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of scored) {
    const yes = s.score >= threshold;
    if (yes && s.match) tp++;
    else if (yes) fp++;
    else if (s.match) fn++;
  }
  const p = tp + fp > 0 ? tp / (tp + fp) : 0;
  const r = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { n: scored.length, p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

export function bestThreshold(
  scored: { score: number; match: boolean }[],
  from = 0.3,
  to = 0.99,
): { t: number; f1: number } {
  let best = { t: from, f1: -1 };
  for (let t = from; t <= to + 1e-9; t += 0.01) {
    const f = prf(scored, Math.round(t * 100) / 100).f1;
    if (f > best.f1) best = { t: Math.round(t * 100) / 100, f1: f };
  }
  return best;
}
