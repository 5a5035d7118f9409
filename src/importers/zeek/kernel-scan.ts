import type { DomainEntry } from "../../match/network-index.js";
import { literalAt, literalChecks, requiredLiterals } from "../../match/required-literals.js";
import { LineKernel, RECORD_INTS } from "../../match/wasm/line-kernel.js";
import type { RangeScanner } from "./dns-scanner.js";

/**
 * The Zeek scanner's SIMD pre-filter (match/wasm/line-kernel.ts): the kernel counts lines, finds
 * header lines, lines too short to hold the name column and places where a literal every matching
 * name holds may start; only those lines are parsed, by the same code as the plain scanner
 * (RangeScanner.line), so the results are the same line for line.
 */
export class KernelScan {
  private static readonly cache = new WeakMap<readonly DomainEntry[], KernelScan | null>();

  private constructor(
    private readonly kernel: LineKernel,
    private readonly literals: string[],
  ) {}

  /** The kernel for these rules in this thread, or undefined when they give no useful literal. */
  static for(entries: readonly DomainEntry[], capacity: number): KernelScan | undefined {
    let k = KernelScan.cache.get(entries);
    if (k === undefined || (k && k.kernel.capacity < capacity)) {
      const literals = requiredLiterals(entries);
      const kernel = literals && LineKernel.create(literals.map(literalChecks), capacity);
      k = kernel && literals ? new KernelScan(kernel, literals) : null;
      KernelScan.cache.set(entries, k);
    }
    return k ?? undefined;
  }

  /** Where to write the bytes to scan (`capacity` of them). */
  get data(): Buffer {
    return this.kernel.data;
  }

  get capacity(): number {
    return this.kernel.capacity;
  }

  /** Scans `data[0, len)`, whole lines (it ends with a line feed), into the scanner's result. */
  scan(rs: RangeScanner, len: number): void {
    const k = this.kernel;
    const buf = k.data;
    const res = rs.result;
    k.clearAfter(len);
    let lines = res.lines;
    let from = 0;
    let lineStart = true;
    let tabs = 0;
    let lastLine = -1;
    outer: while (from < len) {
      // header lines where a run starts at a line start: no line feed before them in the run
      while (lineStart && from < len && buf[from] === 35) {
        const nl = buf.indexOf(10, from);
        lines++;
        rs.header(buf, from, nl);
        from = nl + 1;
      }
      if (from >= len) break;
      const cols = rs.columns;
      const run = k.scan(from, len, cols?.separator ?? 9, cols ? cols.name : 0, lines, tabs);
      const rec = k.records;
      for (let r = 0; r < run.records; r++) {
        const o = r * RECORD_INTS;
        const at = rec[o]!;
        const cm = rec[o + 1]!;
        const hm = rec[o + 2]!;
        const nlm = rec[o + 3]!;
        const before = rec[o + 4]!;
        const sm = rec[o + 5]!;
        for (let all = cm | hm | sm; all !== 0; all &= all - 1) {
          const bit = all & -all;
          const pos = at + 31 - Math.clz32(bit);
          // 1-based number of the line holding `pos` (a line feed belongs to the line it ends)
          const lineNo = before + popcount(nlm & ((bit - 1) | 0)) + 1;
          if (sm & bit) {
            const start = pos === 0 ? 0 : buf.lastIndexOf(10, pos - 1) + 1;
            if (start < pos && buf[start] !== 35 && cols && res.short++ === 0) res.firstShort = lineNo;
          }
          if (cm & bit && cols && pos > lastLine && literalAt(buf, pos, this.literals)) {
            const start = pos === 0 ? 0 : buf.lastIndexOf(10, pos - 1) + 1;
            const nl = buf.indexOf(10, pos);
            lastLine = nl;
            if (buf[start] !== 35) rs.line(buf, start, nl, lineNo);
          }
          if (hm & bit) {
            const start = pos + 1;
            const nl = buf.indexOf(10, start);
            rs.header(buf, start, nl);
            if (rs.columns !== cols) {
              // the layout changed: scan on from the line after the header, under the new one. The
              // header is line lineNo + 1 and ends in the feed at `nl`: that many feeds lie before.
              lines = lineNo + 1;
              from = nl + 1;
              tabs = 0;
              lineStart = true;
              continue outer;
            }
          }
        }
      }
      lines = run.lines;
      if (run.records < k.full) break;
      from = run.stop;
      tabs = run.tabs;
      lineStart = false;
    }
    res.lines = lines;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
