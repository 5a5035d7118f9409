/**
 * Multi-token phrases (legal forms, symbols) looked up by their first token, longest first, so
 * "limited liability company" wins over "limited" and "company".
 */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, { tokens: string[]; value: V }[]>();
  private readonly keys = new Set<string>();
  private sorted = true;
  /** Multi-token phrases by their second, last and second-to-last token, for typo-tolerant lookups. */
  private readonly bySecond = new Map<string, { tokens: string[]; value: V }[]>();
  private readonly byLast = new Map<string, { tokens: string[]; value: V }[]>();
  private readonly bySecondLast = new Map<string, { tokens: string[]; value: V }[]>();

  add(tokens: string[], value: V): void {
    if (tokens.length === 0) return;
    const key = tokens.join(" ");
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const entry = { tokens, value };
    const list = this.byFirst.get(tokens[0]!);
    if (list) list.push(entry);
    else this.byFirst.set(tokens[0]!, [entry]);
    if (tokens.length >= 2) {
      for (const [map, t] of [
        [this.bySecond, tokens[1]!],
        [this.byLast, tokens[tokens.length - 1]!],
        [this.bySecondLast, tokens[tokens.length - 2]!],
      ] as const) {
        const l = map.get(t);
        if (l) l.push(entry);
        else map.set(t, [entry]);
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
   * A phrase of two or more tokens at `start` in which exactly one token is a typo of the table's
   * ("LIMITD LIABILITY COMPANY", "JOINT STOCK COMPAYN"), found through its other tokens. The longest
   * such phrase starting at `start` (or ending at `end`, when `end` is given) wins.
   */
  matchWithTypo(
    tokens: readonly string[],
    similar: (a: string, b: string) => boolean,
    where: { start: number } | { end: number },
  ): { start: number; length: number; value: V } | undefined {
    const cands =
      "start" in where
        ? [
            ...(this.byFirst.get(tokens[where.start] ?? "") ?? []),
            ...(this.bySecond.get(tokens[where.start + 1] ?? "") ?? []),
          ]
        : [
            ...(this.byLast.get(tokens[where.end - 1] ?? "") ?? []),
            ...(this.bySecondLast.get(tokens[where.end - 2] ?? "") ?? []),
          ];
    let best: { start: number; length: number; value: V } | undefined;
    for (const e of cands) {
      const n = e.tokens.length;
      if (n < 2 || (best && best.length >= n)) continue;
      const start = "start" in where ? where.start : where.end - n;
      if (start < 0 || start + n > tokens.length) continue;
      let typos = 0;
      for (let k = 0; k < n && typos <= 1; k++) {
        const t = tokens[start + k]!;
        const w = e.tokens[k]!;
        if (t !== w) typos += t.length >= 5 && w.length >= 5 && similar(t, w) ? 1 : 2;
      }
      if (typos === 1) best = { start, length: n, value: e.value };
    }
    return best;
  }
}
