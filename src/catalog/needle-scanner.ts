/**
 * Aho–Corasick over UTF-16 code units with ASCII and Cyrillic case folded on the fly: finds where
 * any pre-filter needle occurs in a large text in one pass, several times faster than a
 * case-insensitive regex alternation of the same literals. States have a dense row for ASCII and
 * a map for other characters.
 */
const ASCII = 128;

function fold(code: number): number {
  if (code >= 65 && code <= 90) return code + 32; // A-Z
  if (code >= 0x410 && code <= 0x42f) return code + 32; // А-Я
  if (code === 0x401) return 0x451; // Ё
  return code;
}

export class NeedleScanner {
  private readonly ascii: Int32Array;
  private readonly other: Map<number, number>[];
  private readonly output: Uint8Array;
  private readonly lowered = new Uint16Array(ASCII);

  constructor(needles: readonly string[]) {
    for (let c = 0; c < ASCII; c++) this.lowered[c] = fold(c);
    // build the trie
    const asciiRows: number[][] = [new Array(ASCII).fill(-1)];
    const other: Map<number, number>[] = [new Map()];
    const out: boolean[] = [false];
    for (const needle of needles) {
      let s = 0;
      for (const ch of needle) {
        const c = fold(ch.codePointAt(0)!);
        let next = c < ASCII ? asciiRows[s]![c]! : (other[s]!.get(c) ?? -1);
        if (next < 0) {
          next = asciiRows.length;
          asciiRows.push(new Array(ASCII).fill(-1));
          other.push(new Map());
          out.push(false);
          if (c < ASCII) asciiRows[s]![c] = next;
          else other[s]!.set(c, next);
        }
        s = next;
      }
      out[s] = true;
    }
    // failure links, turned into a full transition function (a DFA) breadth-first
    const n = asciiRows.length;
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let c = 0; c < ASCII; c++) {
      const t = asciiRows[0]![c]!;
      if (t < 0) asciiRows[0]![c] = 0;
      else {
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (const t of other[0]!.values()) {
      fail[t] = 0;
      queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      out[s] = out[s]! || out[fail[s]!]!;
      for (let c = 0; c < ASCII; c++) {
        const t = asciiRows[s]![c]!;
        if (t < 0) asciiRows[s]![c] = asciiRows[fail[s]!]![c]!;
        else {
          fail[t] = asciiRows[fail[s]!]![c]!;
          queue.push(t);
        }
      }
      for (const [c, t] of other[s]!) {
        let f = fail[s]!;
        while (f > 0 && !other[f]!.has(c)) f = fail[f]!;
        fail[t] = other[f]!.get(c) ?? 0;
        if (fail[t] === t) fail[t] = 0;
        queue.push(t);
      }
    }
    // non-ASCII transitions missing on a state fall back along failure links at scan time
    this.ascii = new Int32Array(n * ASCII);
    for (let s = 0; s < n; s++) this.ascii.set(asciiRows[s]!, s * ASCII);
    // The scan table: every ASCII column (upper case folded in) holds the next state already
    // multiplied by the row width, negated and less one when that state ends a needle, so the
    // inner loop is one load, one compare.
    this.table = new Int32Array(n * ASCII);
    for (let st = 0; st < n; st++) {
      for (let c = 0; c < ASCII; c++) {
        const next = asciiRows[st]![this.lowered[c]!]!;
        this.table[st * ASCII + c] = out[next] ? -(next * ASCII) - 1 : next * ASCII;
      }
    }
    this.other = other;
    this.output = Uint8Array.from(out, (b) => (b ? 1 : 0));
    this.fail = fail;
  }

  private readonly fail: Int32Array;
  private readonly table: Int32Array;

  private step(s: number, code: number): number {
    if (code < ASCII) return this.ascii[s * ASCII + this.lowered[code]!]!;
    const c = fold(code);
    let state = s;
    for (;;) {
      const t = this.other[state]!.get(c);
      if (t !== undefined) return t;
      if (state === 0) return 0;
      state = this.fail[state]!;
    }
  }

  /**
   * Offsets in `text[from, to)` where a needle ends, at most one per line: after a hit the scan
   * jumps to the next line feed, since one hit is enough to make a line a candidate.
   */
  candidates(text: string, from: number, to: number): number[] {
    const hits: number[] = [];
    const table = this.table;
    let row = 0; // state × ASCII
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      let v: number;
      if (code < ASCII) v = table[row + code]!;
      else {
        const next = this.step(row / ASCII, code);
        v = this.output[next] === 1 ? -(next * ASCII) - 1 : next * ASCII;
      }
      if (v >= 0) {
        row = v;
        continue;
      }
      hits.push(i);
      const nl = text.indexOf("\n", i);
      if (nl < 0 || nl >= to) break;
      i = nl;
      row = 0;
    }
    return hits;
  }

  /**
   * The same over UTF-8 bytes (offsets are byte offsets): ASCII through the table, other
   * characters decoded in place and folded, so a reader can find candidate lines without decoding
   * the text.
   */
  candidatesBytes(buf: Uint8Array, from: number, to: number): number[] {
    const hits: number[] = [];
    for (let i = from; i < to; ) {
      const hit = this.firstInBytes(buf, i, to);
      if (hit < 0) break;
      hits.push(hit);
      const nl = indexOfByte(buf, 10, hit, to);
      if (nl < 0) break;
      i = nl + 1;
    }
    return hits;
  }

  /** Where the first needle ends in `buf[from, to)`, or -1: for a reader that tests line by line. */
  firstInBytes(buf: Uint8Array, from: number, to: number): number {
    const table = this.table;
    let row = 0;
    for (let i = from; i < to; i++) {
      const b = buf[i]!;
      let v: number;
      if (b < 0x80) v = table[row + b]!;
      else {
        let code: number;
        if (b >= 0xf0 && i + 3 < to) {
          code =
            ((b & 0x07) << 18) |
            ((buf[i + 1]! & 0x3f) << 12) |
            ((buf[i + 2]! & 0x3f) << 6) |
            (buf[i + 3]! & 0x3f);
          i += 3;
        } else if (b >= 0xe0 && i + 2 < to) {
          code = ((b & 0x0f) << 12) | ((buf[i + 1]! & 0x3f) << 6) | (buf[i + 2]! & 0x3f);
          i += 2;
        } else if (b >= 0xc0 && i + 1 < to) {
          code = ((b & 0x1f) << 6) | (buf[i + 1]! & 0x3f);
          i += 1;
        } else code = 0xfffd;
        const next = this.step(row / ASCII, code);
        v = this.output[next] === 1 ? -(next * ASCII) - 1 : next * ASCII;
      }
      if (v < 0) return i;
      row = v;
    }
    return -1;
  }

  /** True when any needle occurs in the text. */
  test(text: string): boolean {
    return this.candidates(text, 0, text.length).length > 0;
  }
}

function indexOfByte(buf: Uint8Array, byte: number, from: number, to: number): number {
  const at = buf.indexOf(byte, from);
  return at < 0 || at >= to ? -1 : at;
}
