/**
 * Name-to-name score, logic-v2 style and explainable. The units of the two names (word-pairs.ts:
 * words, joined neighbours, acronym spans) are aligned one to one, best pairs first. The score is
 * the weighted share of aligned words, then lowered by rules that each name their reason: different
 * words on both sides (business words apart: "Trust"/"Bank"), numbers that differ, no distinctive
 * word aligned, only typos of the distinctive words, countries, legal forms of different kinds. A
 * rule may also cap the score: a business word more ("X Trading") is a review at most.
 */

import type { NameForm, Token } from "../normalize/analyze.js";
import { type LegalFormInfo, WEAK_SYMBOLS } from "../normalize/name-tables.js";
import { acronymCandidates } from "./acronyms.js";
import { editCost } from "./edit-cost.js";
import { compareLegalForms } from "./legal-form-rule.js";
import { DEFAULT_PARAMS, type ScoreParams } from "./params.js";
import { type PairHow, unitSimilarity, units } from "./word-pairs.js";

export { DEFAULT_PARAMS, type ScoreParams } from "./params.js";
export type { PairHow } from "./word-pairs.js";

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
  /** Highest score the rule allows, whatever the other evidence (a review at most). */
  cap?: number;
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

/** A word that names what the party is or does: not a stopword, weak symbol, place or number. */
function isContent(t: Token): boolean {
  return (
    t.kind === "word" &&
    !t.place &&
    (t.distinctive || (t.symbol !== undefined && !WEAK_SYMBOLS.has(t.symbol)))
  );
}

function legalFormFactor(a: LegalFormInfo[], b: LegalFormInfo[], p: ScoreParams): Factor | undefined {
  const v = compareLegalForms(a, b);
  if (!v) return undefined;
  return {
    rule: v.rule,
    factor: v.strength === "strong" ? p.legalFormMismatch : p.legalFormDiffer,
    detail: v.detail,
  };
}

/**
 * One short word each side, one letter apart ("Benn"/"Benz", "Wai"/"Hai"): too short to align as a
 * typo (the edit budget of a short word is nil), but closer to a misspelling than to another name.
 */
function oneLetterApart(q: Token[], c: Token[]): boolean {
  if (q.length !== 1 || c.length !== 1) return false;
  const a = q[0]!.surface;
  const b = c[0]!.surface;
  return a.length >= 3 && b.length >= 3 && editCost(a, b) <= 1;
}

/** Two words of one stem that differ only in their last three letters or fewer ("Kaspers-en"/"-ky"). */
export function otherEnding(a: string, b: string): boolean {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 4 && a.length - k <= 3 && b.length - k <= 3;
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
  const qu = units(q, acronymCandidates(c));
  const cu = units(c, acronymCandidates(q));
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
  let bestFuzzyWords: [string, string] = ["", ""];
  const misspelt = new Set<Token>();
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
    // An acronym stands for its words, generic or not: "IBM" is as distinctive as the name it spells.
    const distinctive =
      cand.how === "acronym"
        ? qt.some((t) => t.distinctive) || ct.some((t) => t.distinctive)
        : qt.some((t) => t.distinctive) && ct.some((t) => t.distinctive);
    // A word aligned as a typo of a business word ("Electrics"/"Electric") is that business word
    // misspelt, not a distinctive word of its own.
    if (!distinctive && cand.sim >= 0.8 && cand.how !== "acronym") {
      for (const t of [...qt, ...ct]) if (t.distinctive) misspelt.add(t);
    }
    if (distinctive && cand.sim >= 0.5) {
      distinctiveAligned = true;
      if (cand.how === "fuzzy" && cand.sim > bestFuzzyDistinctive) {
        bestFuzzyDistinctive = cand.sim;
        bestFuzzyCost = cand.cost ?? 0;
        bestFuzzyWords = [qt[0]!.surface, ct[0]!.surface];
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
    // Business words of different groups on the two sides ("Trust" / "Bank", "Exports" / "Imports")
    // are different lines of business: sibling companies, not spellings of one.
    const business = [...contentQ, ...contentC].every((t) => t.symbol !== undefined);
    const oneLetter = !business && oneLetterApart(contentQ, contentC);
    factors.push({
      rule: business
        ? "different business words"
        : oneLetter
          ? "one word differs by one letter"
          : "different words on both sides",
      factor: business ? p.substitutionBusiness : oneLetter ? p.substitutionOneLetter : p.substitution,
      detail: `${contentQ.map((t) => t.surface).join(" ")} / ${contentC.map((t) => t.surface).join(" ")}`,
    });
  } else if (contentQ.length + contentC.length > 0) {
    // A business word more ("X Trading", "Deutsche Bank Trust Company", "Crystalord Systems") is the
    // listed party as often as its sibling or subsidiary: worth a review, never a match by itself.
    // An unknown word more lowers the score as a word the names do not share.
    const extra = [...contentQ, ...contentC];
    const generic = extra.every((t) => t.symbol !== undefined);
    const detail = extra.map((t) => t.surface).join(" ");
    factors.push(
      generic
        ? {
            rule: "business words on one side only",
            factor: p.extraBusinessWords,
            cap: p.extraBusinessCap,
            detail,
          }
        : { rule: "words on one side only", factor: p.extraWords, detail },
    );
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
  const hasDistinctive =
    q.tokens.some((t) => t.distinctive && !misspelt.has(t)) ||
    c.tokens.some((t) => t.distinctive && !misspelt.has(t));
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
      factor: round(bestFuzzyDistinctive ** (bestFuzzyCost <= 1 ? p.fuzzyOnePower : p.fuzzyOnlyPower)),
      detail: `best ${round(bestFuzzyDistinctive)}`,
    });
    // One typo may be the listed party misspelt; two edits on every distinctive word is another name
    // as often as not, above all when they change the word's ending ("Kaspersen", "Kasperek": a
    // surname of the same stem), less when they fall inside it ("Trafalgura").
    if (bestFuzzyCost >= 1.5) {
      const ending = otherEnding(bestFuzzyWords[0], bestFuzzyWords[1]);
      factors.push({
        rule: ending ? "two or more edits, another ending" : "two or more edits",
        factor: ending ? p.fuzzyOnlyTwoEdits : p.fuzzyOnlyTwoEditsInside,
        detail: `edit cost ${round(bestFuzzyCost)}`,
      });
    }
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
  let score = factors.reduce((s, f) => s * f.factor, base);
  for (const f of factors) if (f.cap !== undefined) score = Math.min(score, f.cap);
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
