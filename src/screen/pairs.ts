/** Name-pair scoring for evaluation harnesses: `offramp screen pairs` and bench/screening. */
import { type Band, bandOf } from "./bands.js";
import { analyseWrittenName } from "./normalize/written-name.js";
import { DEFAULT_PARAMS, type NameScore, type ScoreParams, scoreForms } from "./score/name-score.js";

export interface PairResult {
  score: number;
  band: Band;
  detail?: NameScore;
}

export function scorePair(left: string, right: string, params: ScoreParams = DEFAULT_PARAMS): PairResult {
  const a = analyseWrittenName(left).parts.flatMap((p) => p.forms);
  const b = analyseWrittenName(right).parts.flatMap((p) => p.forms);
  let best: NameScore | undefined;
  for (const x of a) {
    for (const y of b) {
      const s = scoreForms(x, y, params);
      if (!best || s.score > best.score) best = s;
    }
  }
  const score = best?.score ?? 0;
  return best ? { score, band: bandOf(score), detail: best } : { score, band: bandOf(score) };
}
