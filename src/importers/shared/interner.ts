/**
 * One string per distinct value of a column, looked up by a hash of the characters in place, so a
 * value that repeats over millions of rows (a publisher, a host) costs no new string per row. The
 * strings handed out are copies, not slices of the input chunk.
 */
export class Interner {
  private readonly byHash = new Map<number, string[]>();
  /** Distinct values kept; past this, values are sliced per call (memory stays bounded). */
  constructor(private readonly limit = 100_000) {}
  private size = 0;

  get(text: string, from: number, to: number): string {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const length = to - from;
    const bucket = this.byHash.get(h);
    if (bucket) {
      for (const s of bucket) if (s.length === length && text.startsWith(s, from)) return s;
    }
    const value = Buffer.from(text.slice(from, to), "utf8").toString("utf8");
    if (this.size >= this.limit) return value;
    this.size++;
    if (bucket) bucket.push(value);
    else this.byHash.set(h, [value]);
    return value;
  }
}
