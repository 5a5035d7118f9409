/**
 * Candidate generation over every name of every listed party: an inverted index from comparable
 * tokens, symbol groups, joined forms and romanisation skeletons to name entries, with a vocabulary
 * trigram index to find typo'd tokens. It is tuned for recall; the scorer decides. Tokens found in
 * thousands of names ("trading", "bank") only count when nothing rarer is in the query.
 */

import type { ListParty } from "../lists/party.js";
import { analyseParty, preparedNamesOf } from "../lists/prepared-names.js";
import type { NameForm, Token } from "../normalize/analyze.js";
import { fuzzySimilarityOnce } from "../score/edit-cost.js";

export interface IndexEntry {
  party: number;
  /** The list name this entry comes from and how the list gives it (primary, alias, a.k.a.). */
  name: string;
  how: string;
  /** When the name was an inline alias ("X (a.k.a. Y)"), the written name it was split from. */
  written: string;
  form: NameForm;
}

const MAX_COMMON = 4000;
const MAX_TRIGRAM_POSTINGS = 6000;

function trigrams(word: string): string[] {
  const w = `^${word}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

export class CandidateIndex {
  readonly entries: IndexEntry[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly vocab: string[] = [];
  private readonly vocabId = new Map<string, number>();
  private readonly vocabTrigrams = new Map<string, number[]>();
  private readonly vocabSkeleton = new Map<string, number[]>();
  private readonly fuzzyCache = new Map<string, { text: string; sim: number }[]>();
  private readonly vocabSkeletonOf: string[] = [];
  private fuzzyReady = false;

  constructor(readonly parties: ListParty[]) {
    parties.forEach((party, pi) => {
      // Names analysed when the cache was written, else now.
      for (const n of preparedNamesOf(party) ?? analyseParty(party)) {
        for (const form of n.forms)
          this.add({ party: pi, name: n.name, how: n.how, written: n.written, form });
      }
    });
  }

  get size(): number {
    return this.entries.length;
  }

  private add(entry: IndexEntry): void {
    const id = this.entries.length;
    this.entries.push(entry);
    push(this.postings, `=${entry.form.joined}`, id);
    if (entry.form.full !== entry.form.joined) push(this.postings, `=${entry.form.full}`, id);
    for (const t of entry.form.tokens) {
      push(this.postings, t.text, id);
      for (const g of t.symbols ?? []) push(this.postings, `§${g}`, id);
      if (t.kind === "word" && !this.vocabId.has(t.text)) this.addVocab(t);
    }
  }

  private addVocab(t: Token): void {
    this.vocabId.set(t.text, this.vocab.length);
    this.vocab.push(t.text);
    this.vocabSkeletonOf.push(t.skeleton);
  }

  /** The typo indexes are built on the first fuzzy lookup: loading stays fast, queries pay once. */
  private buildFuzzyIndex(): void {
    this.vocab.forEach((text, vid) => {
      if (text.length < 4) return;
      for (const g of trigrams(text)) push(this.vocabTrigrams, g, vid);
      push(this.vocabSkeleton, this.vocabSkeletonOf[vid]!, vid);
    });
    this.fuzzyReady = true;
  }

  private idf(df: number): number {
    return Math.log(1 + this.entries.length / Math.max(df, 1));
  }

  /** Vocabulary words within the typo budget of a query word, or sharing its skeleton. */
  private fuzzyNeighbours(t: Token): { text: string; sim: number }[] {
    const cached = this.fuzzyCache.get(t.text);
    if (cached) return cached;
    if (!this.fuzzyReady) this.buildFuzzyIndex();
    const out: { text: string; sim: number }[] = [];
    const seen = new Set<number>();
    for (const vid of this.vocabSkeleton.get(t.skeleton) ?? []) {
      if (this.vocab[vid] !== t.text) {
        seen.add(vid);
        out.push({ text: this.vocab[vid]!, sim: 0.9 });
      }
    }
    const grams = trigrams(t.text);
    const counts = new Map<number, number>();
    for (const g of grams) {
      const list = this.vocabTrigrams.get(g);
      if (!list || list.length > MAX_TRIGRAM_POSTINGS) continue;
      for (const vid of list) counts.set(vid, (counts.get(vid) ?? 0) + 1);
    }
    // Each edit destroys at most three trigrams: fewer shared ones cannot be within two edits.
    const need = Math.max(1, grams.length - 6);
    for (const [vid, n] of counts) {
      if (n < need || seen.has(vid)) continue;
      const v = this.vocab[vid]!;
      if (v === t.text || Math.abs(v.length - t.text.length) > 2) continue;
      const sim = fuzzySimilarityOnce(t.text, v);
      if (sim > 0) out.push({ text: v, sim });
    }
    if (this.fuzzyCache.size > 50_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(t.text, out);
    return out;
  }

  /** Entry ids most worth scoring for these query forms, best first. */
  candidates(forms: NameForm[], limit = 40): number[] {
    const acc = new Map<number, number>();
    const add = (key: string, weight: number, onlyToken: boolean) => {
      const list = this.postings.get(key);
      if (!list || (list.length > MAX_COMMON && !onlyToken)) return;
      const w = weight * this.idf(list.length);
      for (const id of list) acc.set(id, (acc.get(id) ?? 0) + w);
    };
    for (const form of forms) {
      const only = form.tokens.length === 1;
      add(`=${form.joined}`, 4, true);
      if (form.full !== form.joined) add(`=${form.full}`, 4, true);
      const toks = form.tokens;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        if (t.kind === "stop") continue;
        add(t.text, 1, only);
        for (const g of t.symbols ?? []) add(`§${g}`, 0.5, only);
        if (t.kind === "word" && t.text.length >= 4) {
          for (const n of this.fuzzyNeighbours(t)) add(n.text, 0.8 * n.sim, only);
        }
        const next = toks[i + 1];
        if (next && t.kind === "word" && next.kind === "word") add(t.text + next.text, 1, only);
      }
    }
    return [...acc.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id]) => id);
  }
}
