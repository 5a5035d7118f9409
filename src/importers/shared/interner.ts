/**
 * One string per distinct value of a column, looked up by a hash of the characters in place, so a
 * value that repeats over millions of rows (a publisher, a host) costs no new string per row. The
 * strings handed out are copies, not slices of the input chunk.
 */
export class Interner {
  private readonly byHash = new Map<number, string[]>();
  private readonly byBytes = new Map<number, { bytes: Buffer; value: string }[]>();
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

  /** The same over UTF-8 bytes: the string is decoded once per distinct value. */
  getBytes(buf: Buffer, from: number, to: number): string {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const length = to - from;
    const bucket = this.byBytes.get(h);
    if (bucket) {
      // a plain loop: for values this short it beats the native call that Buffer.compare makes
      for (const e of bucket) if (e.bytes.length === length && equalAt(buf, from, e.bytes)) return e.value;
    }
    const value = buf.toString("utf8", from, to);
    if (this.size >= this.limit) return value;
    this.size++;
    const entry = { bytes: Buffer.from(buf.subarray(from, to)), value };
    if (bucket) bucket.push(entry);
    else this.byBytes.set(h, [entry]);
    return value;
  }
}

function equalAt(buf: Uint8Array, at: number, want: Uint8Array): boolean {
  for (let i = 0; i < want.length; i++) if (buf[at + i] !== want[i]) return false;
  return true;
}
