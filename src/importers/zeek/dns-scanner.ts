import { closeSync, openSync, readSync } from "node:fs";
import { type DomainEntry, DomainIndex } from "../../match/network-index.js";
import { KernelScan } from "./kernel-scan.js";
import { applyHeader, defaultLayout, type ZeekLayout } from "./layout.js";

/**
 * The byte-level scanner of Zeek name logs (dns.log `query`, ssl.log `server_name`): it walks each
 * line only up to the name column, tests the name's label suffixes by hash without making a string,
 * and decodes the few fields it reports only for lines that can match. Used by the worker threads of
 * the fast path and by the main thread to re-scan a range whose header it did not know.
 */

export interface ScanColumns {
  name: number;
  /** Per column before the name: 1 when its type keeps it short (ports, counts…), walked in JS. */
  short: Uint8Array;
  ts: number;
  client: number;
  server: number;
  separator: number;
  fields: number;
}

export interface RawHit {
  /** 1-based line within the scanned range. */
  line: number;
  ts: string;
  client: string;
  server: string;
  name: string;
}

export interface RangeResult {
  lines: number;
  /** Of which `#` header lines. */
  headerCount: number;
  hits: RawHit[];
  /** Lines with fewer columns than the name column needs. */
  short: number;
  firstShort: number;
  /** Byte offset (absolute) of the first `#` header line in the range, or -1. */
  firstHeader: number;
  /** The header lines in effect at the end of the range, to chain ranges. */
  headers: string[];
}

/**
 * Column types whose values are a few characters: a JS byte loop finds their end sooner than a
 * native search, whose call costs more than it saves on a short field.
 */
const SHORT_TYPES = new Set(["port", "count", "int", "enum", "interval", "bool", "double"]);

/** Column indexes a scanner needs; undefined when the layout has no name column to scan. */
export function scanColumns(layout: ZeekLayout, nameField: string): ScanColumns | undefined {
  const name = layout.columns.get(nameField);
  if (name === undefined || layout.separator.length !== 1) return undefined;
  const short = new Uint8Array(name);
  for (let i = 0; i < name; i++) short[i] = SHORT_TYPES.has(layout.types[i] ?? "") ? 1 : 0;
  return {
    name,
    short,
    ts: layout.columns.get("ts") ?? -1,
    client: layout.columns.get("id.orig_h") ?? -1,
    server: layout.columns.get("id.resp_h") ?? -1,
    separator: layout.separator.charCodeAt(0),
    fields: layout.fields.length,
  };
}

/** The header lines that rebuild a layout (what a worker gets, and gives back). */
export function headerLines(layout: ZeekLayout): string[] {
  const sep = layout.separator;
  const out = [
    `#separator ${[...sep].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")}`,
  ];
  out.push(`#unset_field${sep}${layout.unset}`, `#empty_field${sep}${layout.empty}`);
  if (layout.path) out.push(`#path${sep}${layout.path}`);
  if (layout.fields.length > 0) out.push(`#fields${sep}${layout.fields.join(sep)}`);
  if (layout.types.length > 0) out.push(`#types${sep}${layout.types.join(sep)}`);
  return out;
}

export function layoutFrom(headers: readonly string[]): ZeekLayout {
  const layout = defaultLayout();
  for (const h of headers) applyHeader(layout, h);
  return layout;
}

export class RangeScanner {
  private readonly index: DomainIndex;
  private layout: ZeekLayout;
  private cols: ScanColumns | undefined;
  result: RangeResult;
  /** Absolute byte offset of the buffer passed to `scan` (to report header positions). */
  base = 0;

  constructor(
    readonly entries: readonly DomainEntry[],
    headers: readonly string[],
    private readonly nameField: string,
  ) {
    this.index = new DomainIndex(entries);
    this.layout = layoutFrom(headers);
    this.cols = scanColumns(this.layout, nameField);
    this.result = RangeScanner.empty(headers);
  }

  private static empty(headers: readonly string[]): RangeResult {
    return {
      lines: 0,
      headerCount: 0,
      hits: [],
      short: 0,
      firstShort: 0,
      firstHeader: -1,
      headers: [...headers],
    };
  }

  /** Starts a new range under the given header lines. */
  setHeaders(headers: readonly string[]): void {
    this.layout = layoutFrom(headers);
    this.cols = scanColumns(this.layout, this.nameField);
    this.result = RangeScanner.empty(headers);
  }

  /** Starts a new range that continues the layout the last one ended with. */
  reset(): void {
    this.result = RangeScanner.empty(this.result.headers);
  }

  /** A `#` header line `buf[p, nl)`: counted and applied. */
  header(buf: Buffer, p: number, nl: number): void {
    const line = buf.toString("latin1", p, buf[nl - 1] === 13 ? nl - 1 : nl);
    if (this.result.firstHeader < 0) this.result.firstHeader = this.base + p;
    this.result.headerCount++;
    applyHeader(this.layout, line);
    if (line.startsWith("#fields") || line.startsWith("#separator") || line.startsWith("#types")) {
      this.cols = scanColumns(this.layout, this.nameField);
      this.result.headers = headerLines(this.layout);
    }
  }

  private field(buf: Buffer, p: number, nl: number, col: number, sep: number): string {
    if (col < 0) return "";
    let i = p;
    for (let t = 0; t < col; t++) {
      const j = buf.indexOf(sep, i);
      if (j < 0 || j >= nl) return "";
      i = j + 1;
    }
    let e = buf.indexOf(sep, i);
    if (e < 0 || e > nl) e = nl;
    if (e > i && buf[e - 1] === 13) e--;
    return buf.toString("utf8", i, e);
  }

  /**
   * Scans the complete lines of `buf[p, end)`; `end` is just past a line feed. Separators are found
   * with `indexOf` (native memchr): faster than a byte loop for Zeek's short leading columns.
   */
  scan(buf: Buffer, p: number, end: number): void {
    const res = this.result;
    let lines = res.lines;
    while (p < end) {
      lines++;
      const nl = buf.indexOf(10, p);
      if (buf[p] === 35) this.header(buf, p, nl);
      else if (this.line(buf, p, nl, lines) === SHORT && nl > p && res.short++ === 0) res.firstShort = lines;
      p = nl + 1;
    }
    res.lines = lines;
  }

  /**
   * One record line `buf[p, nl)` (not a header): a hit is kept when its name can match. Returns
   * SHORT when the line ends before the name column (the caller counts it).
   */
  line(buf: Buffer, p: number, nl: number, lineNo: number): number {
    const cols = this.cols;
    if (cols === undefined) return 0;
    const sep = cols.separator;
    const short = cols.short;
    let s = p;
    let t = 0;
    for (; t < cols.name; t++) {
      if (short[t] === 1) {
        let c = buf[s]!;
        while (c !== sep && c !== 10) c = buf[++s]!;
        if (c === 10) break;
        s++;
      } else {
        const j = buf.indexOf(sep, s);
        if (j < 0 || j > nl) break;
        s = j + 1;
      }
    }
    if (t < cols.name) return SHORT;
    let e = buf.indexOf(sep, s);
    if (e < 0 || e > nl) e = nl > s && buf[nl - 1] === 13 ? nl - 1 : nl;
    if (this.index.mayMatch(buf, s, e)) {
      this.result.hits.push({
        line: lineNo,
        ts: this.field(buf, p, nl, cols.ts, sep),
        client: this.field(buf, p, nl, cols.client, sep),
        server: this.field(buf, p, nl, cols.server, sep),
        name: buf.toString("utf8", s, e),
      });
    }
    return 0;
  }

  /** The separator and name column in effect (what a byte-level pre-filter needs), if any. */
  get columns(): ScanColumns | undefined {
    return this.cols;
  }
}

export const SHORT = 1;

const CHUNK = 8 << 20;
/** One read buffer per thread, kept between ranges (when the SIMD pre-filter is not used). */
let spare: Buffer | undefined;

/**
 * Scans `buf[0, len)` (whole lines): through the SIMD pre-filter when the rules allow one (the bytes
 * are copied into its memory unless they are already there), else line by line.
 */
export function scanBuffer(scanner: RangeScanner, buf: Buffer, len: number): void {
  const fast = KernelScan.for(scanner.entries, CHUNK);
  if (fast && len <= fast.capacity) {
    if (buf !== fast.data) buf.copy(fast.data, 0, 0, len);
    fast.scan(scanner, len);
  } else scanner.scan(buf, 0, len);
}

/**
 * Reads `file[start, end)` in large chunks and scans its lines (the range starts at a line start).
 * Returns the result and the bytes read (fewer than asked when the file shrank meanwhile). The
 * chunks are read straight into the SIMD pre-filter's memory when there is one.
 */
export function scanFileRange(
  file: string,
  start: number,
  end: number,
  entries: readonly DomainEntry[] | RangeScanner,
  headers: readonly string[],
  nameField: string,
): { result: RangeResult; bytes: number } {
  const scanner = entries instanceof RangeScanner ? entries : new RangeScanner(entries, headers, nameField);
  if (entries instanceof RangeScanner) scanner.setHeaders(headers);
  const fast = KernelScan.for(scanner.entries, CHUNK);
  const fd = openSync(file, "r");
  let buf = fast ? fast.data.subarray(0, fast.capacity) : (spare ?? Buffer.allocUnsafeSlow(CHUNK));
  if (!fast) spare = undefined;
  let pos = start;
  try {
    let carry = 0;
    for (;;) {
      const want = Math.min(buf.length - carry, end - pos);
      const n = want > 0 ? readSync(fd, buf, carry, want, pos) : 0;
      pos += n;
      const len = carry + n;
      if (n === 0) {
        if (carry > 0) {
          const last = Buffer.allocUnsafe(carry + 1);
          buf.copy(last, 0, 0, carry);
          last[carry] = 10;
          scanner.base = pos - carry;
          scanner.scan(last, 0, carry + 1);
        }
        break;
      }
      const lastNl = buf.lastIndexOf(10, len - 1);
      if (lastNl < 0) {
        // a line longer than the buffer: go on line by line in a larger one
        const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
        carry = len;
        continue;
      }
      scanner.base = pos - len;
      carry = len - lastNl - 1;
      if (fast && buf.buffer === fast.data.buffer) {
        // the kernel clears the bytes after what it scans: keep the unfinished line aside
        const tail = Buffer.from(buf.subarray(lastNl + 1, len));
        fast.scan(scanner, lastNl + 1);
        tail.copy(buf, 0);
      } else {
        scanner.scan(buf, 0, lastNl + 1);
        buf.copy(buf, 0, lastNl + 1, len);
      }
    }
  } finally {
    closeSync(fd);
    if (!fast) spare = buf;
  }
  return { result: scanner.result, bytes: pos - start };
}
