/**
 * Name-to-name score, logic-v2 style and explainable. Tokens of the two names are aligned one to
 * one (or one to two adjacent tokens, for "Goodwill"/"Good Will"), best pairs first; each pair
 * scores 1 when equal, 0.95 for words of one symbol group (lab/laboratoriya), 0.92 for equal
 * romanisation skeletons, less for typos within the edit budget. The score is the weighted share of
 * aligned tokens, then lowered by rules that each name their reason: a different word on both sides,
 * numbers that differ, no distinctive word aligned, legal forms of different kinds.
 */

import type { NameForm, Token } from "../normalize/analyze.js";
import { type LegalFormInfo, WEAK_SYMBOLS } from "../normalize/name-tables.js";
import { skeleton } from "../normalize/skeleton.js";
import { fuzzySimilarity } from "./edit-cost.js";

export interface ScoreParams {
  symbolSim: number;
  skeletonSim: number;
  /** Weight left to a token nobody aligned with, per side. */
  unmatchedQuery: number;
  unmatchedCandidate: number;
  /** Factor when both names keep a distinctive word the other lacks (a different party). */
  substitution: number;
  /** Factor when both names carry numbers and they differ; when only one does. */
  numberMismatch: number;
  numberMissing: number;
  /** Factor when no distinctive word is aligned although the names have some. */
  noDistinctive: number;
  /** Factor when legal forms differ in kind (LLC vs JSC), or are two different local forms. */
  legalFormMismatch: number;
  /** Factor when legal forms merely differ (a local form against an international one). */
  legalFormDiffer: number;
  /** Factor when each name has a country word the other lacks; when only one has one. */
  placeMismatch: number;
  placeExtra: number;
  /** Score of names equal once spaces are ignored ("SiemensAG"). */
  spacing: number;
  /** Exponent on a typo pair's similarity (1 = logic-v2's product of both sides). */
  fuzzyPower: number;
  /** Factor when one name has words the other lacks entirely ("Motors" / "Motor Spares"). */
  extraWords: number;
  /**
   * When no distinctive word agrees exactly (only typo-level similarity), the score is multiplied
   * by the best such similarity raised to this power: a typo of the one brand word is a review, two
   * edits away is another name ("Kasperek", "Kaspersen").
   */
  fuzzyOnlyPower: number;
  /** Factor when some distinctive words agree exactly and another only approximately ("Lixing"/"Lixin"). */
  fuzzyPartial: number;
  /** Further factor when the only distinctive agreement needs two or more edits. */
  fuzzyOnlyTwoEdits: number;
}

export const DEFAULT_PARAMS: ScoreParams = {
  symbolSim: 0.95,
  skeletonSim: 0.88,
  unmatchedQuery: 0.96,
  unmatchedCandidate: 0.6,
  substitution: 0.87,
  numberMismatch: 0.89,
  numberMissing: 0.95,
  noDistinctive: 0.73,
  legalFormMismatch: 0.62,
  legalFormDiffer: 0.95,
  placeMismatch: 0.85,
  placeExtra: 0.77,
  spacing: 0.98,
  fuzzyPower: 0.45,
  extraWords: 0.84,
  fuzzyOnlyPower: 0.37,
  fuzzyPartial: 0.99,
  fuzzyOnlyTwoEdits: 0.9,
};

export type PairHow = "exact" | "number" | "symbol" | "skeleton" | "fuzzy" | "merge";

export interface AlignedPair {
  query: string[];
  candidate: string[];
  how: PairHow;
  sim: number;
  /** Symbol group for `symbol` pairs, weighted edit cost for `fuzzy` ones. */
  detail?: string;
}

export interface Factor {
  rule: string;
  factor: number;
  detail?: string;
}

export interface NameScore {
  score: number;
  /** Score before the factors. */
  base: number;
  pairs: AlignedPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  factors: Factor[];
}

interface Unit {
  idx: number[];
  text: string;
  skeleton: string;
  token?: Token;
  weight: number;
}

function units(tokens: Token[]): Unit[] {
  const out: Unit[] = tokens.map((t, i) => ({
    idx: [i],
    text: t.text,
    skeleton: t.skeleton,
    token: t,
    weight: t.weight,
  }));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind === "number" || b.kind === "number") continue;
    out.push({
      idx: [i, i + 1],
      text: a.surface.replace(/ /g, "") + b.surface.replace(/ /g, ""),
      skeleton: a.skeleton + b.skeleton,
      weight: a.weight + b.weight,
    });
  }
  return out;
}

function unitSimilarity(
  q: Unit,
  c: Unit,
  p: ScoreParams,
): { sim: number; how: PairHow; detail?: string; cost?: number } {
  const merged = !q.token || !c.token;
  if (merged) {
    if (q.text === c.text) return { sim: 1, how: "merge" };
    const f = fuzzySimilarity(q.text, c.text);
    return { sim: f.sim ** p.fuzzyPower * 0.95, how: "merge", detail: `edit cost ${f.cost}` };
  }
  const a = q.token!;
  const b = c.token!;
  if (a.kind === "number" || b.kind === "number") {
    return a.kind === b.kind && a.text === b.text ? { sim: 1, how: "number" } : { sim: 0, how: "number" };
  }
  if (a.text === b.text) return { sim: 1, how: "exact" };
  if (a.symbol && a.symbol === b.symbol) return { sim: p.symbolSim, how: "symbol", detail: a.symbol };
  if (a.text.length >= 4 && b.text.length >= 4 && a.skeleton === b.skeleton)
    return { sim: p.skeletonSim, how: "skeleton", detail: a.skeleton };
  // Dictionary words of two different groups ("Exports"/"Imports") are different words, not typos
  // of each other. A typo of one ("Leasign") is not in any group, so it may still align.
  if (a.symbol && b.symbol) return { sim: 0, how: "fuzzy" };
  // Typos happen in words as written: compare the unstemmed words, so "Kasperek" (another name)
  // stays further from "Kaspersky" than "Kapersky" (a typo), although both are one edit from "kaspersk".
  const f = fuzzySimilarity(a.surface, b.surface);
  let sim = f.sim ** p.fuzzyPower;
  let detail = `edit cost ${Math.round(f.cost * 10) / 10}`;
  let cost = f.cost;
  const ska = a.ending ? skeleton(a.surface) : a.skeleton;
  const skb = b.ending ? skeleton(b.surface) : b.skeleton;
  if (ska.length >= 4 && skb.length >= 4) {
    const s = fuzzySimilarity(ska, skb);
    if (s.sim ** p.fuzzyPower * p.skeletonSim > sim) {
      sim = s.sim ** p.fuzzyPower * p.skeletonSim;
      detail = `skeleton edit cost ${Math.round(s.cost * 10) / 10}`;
      cost = s.cost;
    }
  }
  return { sim, how: "fuzzy", detail, cost };
}

/** Legal forms disagree when their generic kinds differ, or both are distinct local forms. */
const INTERNATIONAL_FORMS = new Set(["Ltd", "LLC", "Inc", "JSC", "PLC", "LP", "LLP", "CoLtd", "Corp", "Co"]);

/** Countries of common local legal forms; forms of one country (ZAO, AO) are one company's history. */
const FORM_COUNTRIES: Record<string, string[]> = {
  AO: ["RU", "KZ"],
  ZAO: ["RU"],
  PAO: ["RU"],
  PJSC: ["RU", "UA"],
  OOO: ["RU", "UZ"],
  TOV: ["UA"],
  GmbH: ["DE", "AT", "CH"],
  AG: ["DE", "AT", "CH"],
  SAS: ["FR"],
  SARL: ["FR", "LU", "MA"],
  SpA: ["IT"],
  SPA: ["IT"],
  SRL: ["IT", "RO"],
  Spzoo: ["PL"],
  BV: ["NL", "BE"],
  NV: ["NL", "BE"],
  AB: ["SE"],
  AS: ["NO", "DK", "EE"],
  oy: ["FI"],
  oü: ["EE"],
  SIA: ["LV"],
  UAB: ["LT"],
  doo: ["SI", "HR", "RS", "BA"],
  ood: ["BG"],
  "Sdn Bhd": ["MY"],
  bhd: ["MY"],
  "Pte Ltd": ["SG"],
  Ltda: ["BR", "PT", "CO"],
  FZE: ["AE"],
  FZCO: ["AE"],
};

function sameCountryForms(a: LegalFormInfo[], b: LegalFormInfo[]): boolean {
  const ca = new Set(a.flatMap((f) => FORM_COUNTRIES[f.compare] ?? []));
  return b.some((f) => (FORM_COUNTRIES[f.compare] ?? []).some((c) => ca.has(c)));
}

function legalFormFactor(a: LegalFormInfo[], b: LegalFormInfo[], p: ScoreParams): Factor | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const ca = new Set(a.map((f) => f.compare));
  if (b.some((f) => ca.has(f.compare))) return undefined;
  const detail = `${a.map((f) => f.compare).join(" ")} vs ${b.map((f) => f.compare).join(" ")}`;
  const ga = new Set(a.map((f) => f.generic).filter(Boolean));
  const gb = new Set(b.map((f) => f.generic).filter(Boolean));
  if (ga.size > 0 && gb.size > 0 && ![...gb].some((g) => ga.has(g)))
    return { rule: "legal forms of different kinds", factor: p.legalFormMismatch, detail };
  const localA = a.every((f) => !INTERNATIONAL_FORMS.has(f.compare));
  const localB = b.every((f) => !INTERNATIONAL_FORMS.has(f.compare));
  if (localA && localB && !sameCountryForms(a, b))
    return { rule: "legal forms of different countries", factor: p.legalFormMismatch, detail };
  return { rule: "legal forms differ", factor: p.legalFormDiffer, detail };
}

/** A word that names what the party is or does: not a stopword, weak symbol, place or number. */
function isContent(t: Token): boolean {
  return (
    t.kind === "word" &&
    !t.place &&
    (t.distinctive || (t.symbol !== undefined && !WEAK_SYMBOLS.has(t.symbol)))
  );
}

function numbers(tokens: Token[]): string {
  return tokens
    .filter((t) => t.kind === "number")
    .map((t) => t.text)
    .sort()
    .join(" ");
}

export function scoreForms(q: NameForm, c: NameForm, p: ScoreParams = DEFAULT_PARAMS): NameScore {
  const factors: Factor[] = [];
  const lf = legalFormFactor(q.legalForms, c.legalForms, p);
  if (q.key === c.key || q.joined === c.joined || q.full === c.full) {
    const exact = q.key === c.key;
    const score = exact ? 1 : p.spacing;
    if (lf && q.full !== c.full) factors.push(lf);
    const pairs: AlignedPair[] = [
      {
        query: q.tokens.map((t) => t.text),
        candidate: c.tokens.map((t) => t.text),
        how: exact ? "exact" : "merge",
        sim: score,
      },
    ];
    return finish(score, pairs, [], [], factors);
  }
  const qu = units(q.tokens);
  const cu = units(c.tokens);
  const cands: {
    qi: number;
    ci: number;
    sim: number;
    how: PairHow;
    detail?: string;
    cost?: number;
    w: number;
  }[] = [];
  for (let i = 0; i < qu.length; i++) {
    for (let j = 0; j < cu.length; j++) {
      const a = qu[i]!;
      const b = cu[j]!;
      if (!a.token && !b.token) continue;
      const s = unitSimilarity(a, b, p);
      if (s.sim > 0.3) cands.push({ qi: i, ci: j, ...s, w: a.weight + b.weight });
    }
  }
  cands.sort((x, y) => y.sim - x.sim || y.w - x.w);
  const usedQ = new Array<boolean>(q.tokens.length).fill(false);
  const usedC = new Array<boolean>(c.tokens.length).fill(false);
  const pairs: AlignedPair[] = [];
  let matched = 0;
  let matchedWeight = 0;
  let distinctiveAligned = false;
  let distinctiveExact = false;
  let bestFuzzyDistinctive = 0;
  let bestFuzzyCost = 0;
  for (const cand of cands) {
    const a = qu[cand.qi]!;
    const b = cu[cand.ci]!;
    if (a.idx.some((k) => usedQ[k]) || b.idx.some((k) => usedC[k])) continue;
    for (const k of a.idx) usedQ[k] = true;
    for (const k of b.idx) usedC[k] = true;
    matched += cand.sim * (a.weight + b.weight);
    matchedWeight += a.weight + b.weight;
    const qt = a.idx.map((k) => q.tokens[k]!);
    const ct = b.idx.map((k) => c.tokens[k]!);
    if (qt.some((t) => t.distinctive) && ct.some((t) => t.distinctive) && cand.sim >= 0.5) {
      distinctiveAligned = true;
      if (cand.how === "fuzzy" && cand.sim > bestFuzzyDistinctive) {
        bestFuzzyDistinctive = cand.sim;
        bestFuzzyCost = cand.cost ?? 0;
      } else distinctiveExact = true;
    }
    const pair: AlignedPair = {
      query: qt.map((t) => t.surface),
      candidate: ct.map((t) => t.surface),
      how: cand.how,
      sim: round(cand.sim),
    };
    if (cand.detail) pair.detail = cand.detail;
    pairs.push(pair);
  }
  const restQ = q.tokens.filter((_, k) => !usedQ[k]);
  const restC = c.tokens.filter((_, k) => !usedC[k]);
  const restWeight =
    p.unmatchedQuery * restQ.reduce((s, t) => s + t.weight, 0) +
    p.unmatchedCandidate * restC.reduce((s, t) => s + t.weight, 0);
  const base = matchedWeight + restWeight > 0 ? matched / (matchedWeight + restWeight) : 0;

  const contentQ = restQ.filter(isContent);
  const contentC = restC.filter(isContent);
  if (contentQ.length > 0 && contentC.length > 0) {
    factors.push({
      rule: "different words on both sides",
      factor: p.substitution,
      detail: `${contentQ.map((t) => t.surface).join(" ")} / ${contentC.map((t) => t.surface).join(" ")}`,
    });
  } else if (contentQ.length + contentC.length > 0) {
    factors.push({
      rule: "words on one side only",
      factor: p.extraWords,
      detail: [...contentQ, ...contentC].map((t) => t.surface).join(" "),
    });
  }
  const placeQ = restQ.filter((t) => t.place);
  const placeC = restC.filter((t) => t.place);
  if (placeQ.length > 0 && placeC.length > 0) {
    factors.push({
      rule: "different countries named",
      factor: p.placeMismatch,
      detail: `${placeQ.map((t) => t.surface).join(" ")} / ${placeC.map((t) => t.surface).join(" ")}`,
    });
  } else if (placeQ.length + placeC.length > 0) {
    factors.push({
      rule: "country named on one side only",
      factor: p.placeExtra,
      detail: [...placeQ, ...placeC].map((t) => t.surface).join(" "),
    });
  }
  const nq = numbers(q.tokens);
  const nc = numbers(c.tokens);
  if (nq && nc && nq !== nc)
    factors.push({ rule: "numbers differ", factor: p.numberMismatch, detail: `${nq} vs ${nc}` });
  else if ((nq && !nc) || (!nq && nc))
    factors.push({ rule: "number on one side only", factor: p.numberMissing, detail: nq || nc });
  const hasDistinctive = q.tokens.some((t) => t.distinctive) || c.tokens.some((t) => t.distinctive);
  if (hasDistinctive && !distinctiveAligned)
    factors.push({ rule: "no distinctive word aligned", factor: p.noDistinctive });
  else if (distinctiveExact && bestFuzzyDistinctive > 0) {
    factors.push({
      rule: "a distinctive word only similar",
      factor: p.fuzzyPartial,
      detail: `${round(bestFuzzyDistinctive)}`,
    });
  } else if (distinctiveAligned && !distinctiveExact && p.fuzzyOnlyPower > 0) {
    factors.push({
      rule: "distinctive words only similar",
      factor: round(bestFuzzyDistinctive ** p.fuzzyOnlyPower),
      detail: `best ${round(bestFuzzyDistinctive)}`,
    });
    // One typo may be the listed party misspelt; two edits on every distinctive word is another name
    // as often as not ("Kaspersen", "Kasperek"), so it is kept below a match.
    if (bestFuzzyCost >= 1.5)
      factors.push({
        rule: "two or more edits",
        factor: p.fuzzyOnlyTwoEdits,
        detail: `edit cost ${round(bestFuzzyCost)}`,
      });
  }
  if (lf) factors.push(lf);
  return finish(
    base,
    pairs,
    restQ.map((t) => t.surface),
    restC.map((t) => t.surface),
    factors,
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function finish(
  base: number,
  pairs: AlignedPair[],
  uq: string[],
  uc: string[],
  factors: Factor[],
): NameScore {
  const score = factors.reduce((s, f) => s * f.factor, base);
  return {
    score: round(score),
    base: round(base),
    pairs,
    unmatchedQuery: uq,
    unmatchedCandidate: uc,
    factors,
  };
}

/** Best score over every form of both names (romanisation schemes), with the forms that gave it. */
export function scoreNames(
  qForms: NameForm[],
  cForms: NameForm[],
  p: ScoreParams = DEFAULT_PARAMS,
): { result: NameScore; query: NameForm; candidate: NameForm } | undefined {
  let best: { result: NameScore; query: NameForm; candidate: NameForm } | undefined;
  for (const qf of qForms) {
    for (const cf of cForms) {
      const result = scoreForms(qf, cf, p);
      if (!best || result.score > best.result.score) best = { result, query: qf, candidate: cf };
    }
  }
  return best;
}
