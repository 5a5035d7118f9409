/**
 * Multi-token phrases (legal forms, symbols) looked up by their first token, longest first, so
 * "limited liability company" wins over "limited" and "company".
 */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, { tokens: string[]; value: V }[]>();
  private readonly keys = new Set<string>();
  private sorted = true;

  add(tokens: string[], value: V): void {
    if (tokens.length === 0) return;
    const key = tokens.join(" ");
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const list = this.byFirst.get(tokens[0]!);
    if (list) list.push({ tokens, value });
    else this.byFirst.set(tokens[0]!, [{ tokens, value }]);
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
}
