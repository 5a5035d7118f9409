/**
 * Multi-token phrases (legal forms, symbols) looked up by their first token, longest first, so
 * "limited liability company" wins over "limited" and "company".
 */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, { tokens: string[]; value: V }[]>();
  private readonly keys = new Set<string>();
  private sorted = true;
  /**
   * Multi-token phrases under each of their tokens blanked out ("limited * company"), so a phrase
   * with one typo is found by a few exact lookups.
   */
  private readonly wild = new Map<string, { tokens: string[]; value: V; k: number }[]>();
  /** Every word of those phrases: a name whose edge words are none of them needs no typo lookup. */
  private readonly wildWords = new Set<string>();
  /** One-word phrases of six letters or more, by first letter, for one-word typos ("LIMITTED"). */
  private readonly longWords = new Map<string, { word: string; value: V }[]>();

  add(tokens: string[], value: V): void {
    if (tokens.length === 0) return;
    const key = tokens.join(" ");
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const entry = { tokens, value };
    if (tokens.length === 1 && tokens[0]!.length >= LONG_WORD) {
      const l = this.longWords.get(tokens[0]![0]!);
      if (l) l.push({ word: tokens[0]!, value });
      else this.longWords.set(tokens[0]![0]!, [{ word: tokens[0]!, value }]);
    }
    const list = this.byFirst.get(tokens[0]!);
    if (list) list.push(entry);
    else this.byFirst.set(tokens[0]!, [entry]);
    if (tokens.length >= 2 && tokens.length <= MAX_WILD) {
      for (let k = 0; k < tokens.length; k++) {
        this.wildWords.add(tokens[k]!);
        const key = wildKey(tokens, 0, tokens.length, k);
        const l = this.wild.get(key);
        if (l) l.push({ ...entry, k });
        else this.wild.set(key, [{ ...entry, k }]);
      }
    }
    this.sorted = false;
  }

  private sort(): void {
    // Stable: among phrases of one length, the first added (the table's order) wins.
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.sorted = true;
  }

  /** The longest phrase starting at `tokens[at]`, if any. */
  matchAt(tokens: readonly string[], at: number): { length: number; value: V } | undefined {
    const list = this.byFirst.get(tokens[at]!);
    if (!list) return undefined;
    if (!this.sorted) this.sort();
    for (const e of list) {
      if (at + e.tokens.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < e.tokens.length && ok; k++) ok = tokens[at + k] === e.tokens[k];
      if (ok) return { length: e.tokens.length, value: e.value };
    }
    return undefined;
  }

  /** The longest phrase ending at `tokens[end - 1]`, if any. */
  matchEndingAt(tokens: readonly string[], end: number): { start: number; value: V } | undefined {
    let best: { start: number; value: V } | undefined;
    for (let start = end - 1; start >= 0 && end - start <= 8; start--) {
      const m = this.matchAt(tokens, start);
      if (m && start + m.length === end) best = { start, value: m.value };
    }
    return best;
  }

  /**
   * A one-word phrase of which `token` is a typo ("LIMITTED", "LIMITUD" for "limited"): only for
   * words of six letters or more, which share the phrase's first letter.
   */
  matchWordWithTypo(token: string, similar: (a: string, b: string) => boolean): V | undefined {
    if (token.length < LONG_WORD) return undefined;
    for (const e of this.longWords.get(token[0]!) ?? [])
      if (Math.abs(e.word.length - token.length) <= 2 && e.word !== token && similar(token, e.word))
        return e.value;
    return undefined;
  }

  /**
   * A phrase of two or more tokens at `start` in which exactly one token is a typo of the table's
   * ("LIMITD LIABILITY COMPANY", "JOINT STOCK COMPAYN"), found through its other tokens. The longest
   * such phrase starting at `start` (or ending at `end`, when `end` is given) wins.
   */
  matchWithTypo(
    tokens: readonly string[],
    similar: (a: string, b: string) => boolean,
    where: { start: number } | { end: number },
  ): { start: number; length: number; value: V } | undefined {
    const edge = "start" in where ? [where.start, where.start + 1] : [where.end - 1, where.end - 2];
    if (!edge.some((i) => this.wildWords.has(tokens[i] ?? ""))) return undefined;
    for (let n = Math.min(MAX_WILD, tokens.length); n >= 2; n--) {
      const start = "start" in where ? where.start : where.end - n;
      if (start < 0 || start + n > tokens.length) continue;
      for (let k = 0; k < n; k++) {
        const list = this.wild.get(wildKey(tokens, start, n, k));
        if (!list) continue;
        const t = tokens[start + k]!;
        for (const e of list) {
          const w = e.tokens[k]!;
          if (t !== w && t.length >= 5 && w.length >= 5 && similar(t, w))
            return { start, length: n, value: e.value };
        }
      }
    }
    return undefined;
  }
}

const MAX_WILD = 6;
const LONG_WORD = 6;

function wildKey(tokens: readonly string[], start: number, n: number, k: number): string {
  let key = `${n}`;
  for (let i = 0; i < n; i++) key += ` ${i === k ? "*" : tokens[start + i]}`;
  return key;
}
