/**
 * Multi-token phrases (legal forms, symbols) looked up by their first token, longest first, so
 * "limited liability company" wins over "limited" and "company".
 */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, { tokens: string[]; value: V }[]>();

  add(tokens: string[], value: V): void {
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]!) ?? [];
    if (list.some((e) => e.tokens.join(" ") === tokens.join(" "))) return;
    list.push({ tokens, value });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(tokens[0]!, list);
  }

  /** The longest phrase starting at `tokens[at]`, if any. */
  matchAt(tokens: readonly string[], at: number): { length: number; value: V } | undefined {
    const list = this.byFirst.get(tokens[at]!);
    if (!list) return undefined;
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
}
