import { moduleWith, op } from "./encode.js";

/**
 * A SIMD pass over log lines, generated for a few literals, that reads every byte once and leaves
 * to JavaScript only the rare places that matter. Per 32-byte window it finds, with 16-byte vector
 * compares: where any literal may start (its chosen bytes compared ASCII-case-folded: a superset of
 * the true places, confirmed in JavaScript), line feeds (counted), line feeds followed by `#` (Zeek
 * header lines), and lines with fewer than `minTabs` separators (too short to hold the wanted
 * column). Windows with none of these are passed over; the others are written out as records.
 */

/** One literal as the kernel tests it: bytes (lower case) at offsets from the literal's start. */
export type LiteralChecks = [code: number, offset: number][];

/** Bytes per record: window start, candidate, header, line-feed and short-line masks, lines before. */
export const RECORD_INTS = 6;
/** Bytes the kernel may read past the end it is given (vector loads at literal offsets). */
export const KERNEL_OVERREAD = 128;
export const MAX_OFFSET = KERNEL_OVERREAD - 48;

/**
 * The function `run(p, end, out, outMax, sep, minTabs, lines, tabs)`: scans [p, end) in 32-byte
 * windows, writes records at `out` (at most `outMax`), returns how many, and leaves where it stopped
 * (p, lines, tabs) in memory words 0, 1 and 2. `lines` counts line feeds before `p`; `tabs` counts
 * separators since the last line feed before `p`.
 */
export function lineKernel(literals: readonly LiteralChecks[]): Uint8Array<ArrayBuffer> {
  const [P, END, OUT, OUTMAX, SEP, MINTABS, LINES, TABS] = [0, 1, 2, 3, 4, 5, 6, 7];
  let next = 8;
  const local = () => next++;
  const [COUNT, NLM, TABM, HM, CM, SM, M, B, CONS] = Array.from({ length: 9 }, local) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const i32Locals = next - 8;
  const [V, VO, CAND, SEPV] = [local(), local(), local(), local()];
  const prologue: number[] = [...op.get(SEP), ...op.i8x16Splat, ...op.set(SEPV)];
  const splats = new Map<number, number>();
  const splat = (c: number): number[] => {
    let l = splats.get(c);
    if (l === undefined) {
      l = local();
      splats.set(c, l);
      prologue.push(...op.i32(c), ...op.i8x16Splat, ...op.set(l));
    }
    return op.get(l);
  };
  const code: number[] = [];
  const e = (...parts: readonly (readonly number[])[]) => {
    for (const part of parts) code.push(...part);
  };

  /** Masks of the 16 bytes at p + at, merged into CM, NLM and TABM (shifted left by `at`). */
  const half = (at: number) => {
    const merge = (into: number) => {
      if (at > 0) e(op.i32(at), op.shl, op.get(into), op.or);
      e(op.set(into));
    };
    e(op.get(P), op.v128Load(at), op.tee(V), splat(0x20), op.v128Or, op.set(VO));
    if (literals.length > 0) {
      literals.forEach((checks, i) => {
        checks.forEach(([c, d], j) => {
          if (d === 0) e(op.get(VO));
          else e(op.get(P), op.v128Load(at + d), splat(0x20), op.v128Or);
          e(splat(c | 0x20), op.i8x16Eq);
          if (j > 0) e(op.v128And);
        });
        if (i > 0) e(op.get(CAND), op.v128Or);
        e(op.set(CAND));
      });
      e(op.get(CAND), op.i8x16Bitmask);
    } else e(op.i32(0));
    merge(CM);
    e(op.get(V), splat(10), op.i8x16Eq, op.i8x16Bitmask);
    merge(NLM);
    e(op.get(V), op.get(SEPV), op.i8x16Eq, op.i8x16Bitmask);
    merge(TABM);
  };

  e(op.block, op.loop);
  e(op.get(P), op.get(END), op.geU, op.brIf(1));
  half(0);
  half(16);
  e(op.i32(0), op.set(SM), op.i32(0), op.set(HM));
  e(op.get(NLM), op.eqz, op.if);
  e(op.get(TABS), op.get(TABM), op.popcnt, op.add, op.set(TABS));
  e(op.else);
  e(op.i32(0), op.set(CONS), op.get(NLM), op.set(M));
  e(op.block, op.loop);
  e(op.get(M), op.eqz, op.brIf(1));
  e(op.get(M), op.ctz, op.set(B));
  // separators on the line that ends here: those carried in, plus this window's before the feed
  e(op.get(TABS), op.get(TABM), op.i32(1), op.get(B), op.shl, op.i32(1), op.sub, op.and);
  e(op.get(CONS), op.i32(-1), op.xor, op.and, op.popcnt, op.add);
  e(op.get(MINTABS), op.ltU, op.if, op.get(SM), op.i32(1), op.get(B), op.shl, op.or, op.set(SM), op.end);
  // a header line follows
  e(op.get(P), op.get(B), op.add, op.i32Load8(1), op.i32(35), op.eq);
  e(op.if, op.get(HM), op.i32(1), op.get(B), op.shl, op.or, op.set(HM), op.end);
  e(op.i32(0), op.set(TABS));
  e(op.i32(2), op.get(B), op.shl, op.i32(1), op.sub, op.set(CONS));
  e(op.get(M), op.get(M), op.i32(1), op.sub, op.and, op.set(M));
  e(op.br(0), op.end, op.end);
  e(op.get(TABM), op.get(CONS), op.i32(-1), op.xor, op.and, op.popcnt, op.set(TABS));
  e(op.end);
  e(op.get(CM), op.get(HM), op.or, op.get(SM), op.or, op.if);
  {
    const store = (value: number, slot: number) => e(op.get(OUT), op.get(value), op.i32Store(slot * 4));
    store(P, 0);
    store(CM, 1);
    store(HM, 2);
    store(NLM, 3);
    store(LINES, 4);
    store(SM, 5);
    e(op.get(OUT), op.i32(RECORD_INTS * 4), op.add, op.set(OUT));
    e(op.get(COUNT), op.i32(1), op.add, op.tee(COUNT), op.get(OUTMAX), op.geU, op.if);
    e(op.get(LINES), op.get(NLM), op.popcnt, op.add, op.set(LINES));
    e(op.get(P), op.i32(32), op.add, op.set(P), op.br(3));
    e(op.end);
  }
  e(op.end);
  e(op.get(LINES), op.get(NLM), op.popcnt, op.add, op.set(LINES));
  e(op.get(P), op.i32(32), op.add, op.set(P));
  e(op.br(0), op.end, op.end);
  e(op.i32(0), op.get(P), op.i32Store(0), op.i32(0), op.get(LINES), op.i32Store(4));
  e(op.i32(0), op.get(TABS), op.i32Store(8), op.get(COUNT));
  return moduleWith(8, { i32: i32Locals, v128: next - 8 - i32Locals }, [...prologue, ...code]);
}

type Run = (
  p: number,
  end: number,
  out: number,
  outMax: number,
  sep: number,
  minTabs: number,
  lines: number,
  tabs: number,
) => number;

/** Where a run stopped and what it found. */
export interface KernelRun {
  records: number;
  /** Offset (in `data`) where the run stopped: the end, or past the last window when `out` filled. */
  stop: number;
  lines: number;
  tabs: number;
}

const HEAD = 64;
const OUT_RECORDS = 4096;

/**
 * An instance of the kernel with its own memory: `data` (capacity bytes, with zeroed over-read room
 * after what is written), and the records of the last run in `records`.
 */
export class LineKernel {
  readonly data: Buffer;
  readonly records: Int32Array;
  private readonly run$: Run;
  private readonly words: Int32Array;
  private readonly dataAt: number;
  private readonly outAt: number;

  private constructor(
    module: WebAssembly.Module,
    readonly capacity: number,
  ) {
    this.dataAt = HEAD;
    this.outAt = HEAD + capacity + KERNEL_OVERREAD + 64;
    const bytes = this.outAt + OUT_RECORDS * RECORD_INTS * 4;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new WebAssembly.Instance(module, { env: { mem: memory } });
    this.run$ = instance.exports.run as Run;
    this.data = Buffer.from(memory.buffer, this.dataAt, capacity + KERNEL_OVERREAD);
    this.records = new Int32Array(memory.buffer, this.outAt, OUT_RECORDS * RECORD_INTS);
    this.words = new Int32Array(memory.buffer, 0, 4);
  }

  /** A kernel for these literals, or undefined where WebAssembly SIMD is not available. */
  static create(literals: readonly LiteralChecks[], capacity: number): LineKernel | undefined {
    const bytes = lineKernel(literals);
    if (typeof WebAssembly === "undefined" || !WebAssembly.validate(bytes)) return undefined;
    return new LineKernel(new WebAssembly.Module(bytes), capacity);
  }

  /**
   * Scans `data[from, end)`; `end` must not exceed what was written, and the bytes after it up to the
   * over-read room must be zero (`clearAfter`). Record window starts are offsets in `data`.
   */
  scan(from: number, end: number, sep: number, minTabs: number, lines: number, tabs: number): KernelRun {
    const at = this.dataAt;
    const records = this.run$(at + from, at + end, this.outAt, OUT_RECORDS, sep, minTabs, lines, tabs);
    for (let r = 0; r < records; r++) this.records[r * RECORD_INTS]! -= at;
    return { records, stop: this.words[0]! - at, lines: this.words[1]!, tabs: this.words[2]! };
  }

  /** Zeroes the over-read room after `end` (call after writing `data[0, end)`). */
  clearAfter(end: number): void {
    this.data.fill(0, end, Math.min(this.data.length, end + KERNEL_OVERREAD));
  }

  get full(): number {
    return OUT_RECORDS;
  }
}
