/**
 * Domain rules indexed by whole labels, in two forms: a string lookup that finds the most specific
 * rule for a normalised name, and a byte-level pre-test over raw log bytes that hashes label-aligned
 * suffixes right to left without making a string, so a scanner pays for a string only on the rare
 * line that can match. The index is built from plain data so worker threads can rebuild it.
 */

export type DomainMode = "exact" | "suffix";

/** One name of one rule, as plain data (what a worker thread receives). */
export interface DomainEntry {
  host: string;
  mode: DomainMode;
  /** Index of the rule in the caller's rule list. */
  rule: number;
}

export interface DomainMatch {
  /** The rule's name that matched (`upd.kaspersky.com`). */
  host: string;
  mode: DomainMode;
  rule: number;
}

/** ASCII upper case folded to lower case; every other byte kept. */
export const LOWER = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c | 32 : c));

const FLAG_PATH = 1;
const FLAG_RULE = 2;

/** Hash of a byte run read right to left, ASCII upper case folded: the same for a string and for bytes. */
function step(h: number, c: number): number {
  return (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c | 32 : c)) | 0;
}

/**
 * Open-addressing set of int32 hashes with flags: FLAG_PATH for every label-aligned suffix of a
 * rule name (`com`, `kaspersky.com`, `upd.kaspersky.com`), FLAG_RULE for rule names themselves.
 */
class HashFlags {
  private readonly keys: Int32Array;
  private readonly flags: Uint8Array;
  private readonly mask: number;

  constructor(count: number) {
    let size = 64;
    while (size < count * 4) size <<= 1;
    this.keys = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.mask = size - 1;
  }

  private slot(h: number): number {
    return (h ^ (h >>> 15) ^ (h >>> 7)) & this.mask;
  }

  add(h: number, flag: number): void {
    for (let i = this.slot(h); ; i = (i + 1) & this.mask) {
      if (this.flags[i] === 0) {
        this.keys[i] = h;
        this.flags[i] = flag;
        return;
      }
      if (this.keys[i] === h) {
        this.flags[i]! |= flag;
        return;
      }
    }
  }

  get(h: number): number {
    for (let i = this.slot(h); ; i = (i + 1) & this.mask) {
      const f = this.flags[i]!;
      if (f === 0) return 0;
      if (this.keys[i] === h) return f;
    }
  }
}

export class DomainIndex {
  private readonly exact = new Map<string, DomainEntry>();
  private readonly suffix = new Map<string, DomainEntry>();
  private readonly hashes: HashFlags;

  constructor(readonly entries: readonly DomainEntry[]) {
    let suffixes = 0;
    for (const e of entries) suffixes += e.host.split(".").length;
    this.hashes = new HashFlags(suffixes);
    for (const e of entries) {
      (e.mode === "exact" ? this.exact : this.suffix).set(e.host, e);
      let h = 0;
      for (let i = e.host.length - 1; i >= 0; i--) {
        h = step(h, e.host.charCodeAt(i));
        if (i === 0) this.hashes.add(h, FLAG_PATH | FLAG_RULE);
        else if (e.host.charCodeAt(i - 1) === 46) this.hashes.add(h, FLAG_PATH);
      }
    }
  }

  /**
   * The most specific rule for an already normalised name (lower case, no trailing dot): the name
   * itself (an exact rule before a suffix rule), then each parent name, longest first.
   */
  lookup(name: string): DomainMatch | undefined {
    const own = this.exact.get(name) ?? this.suffix.get(name);
    if (own) return { host: own.host, mode: own.mode, rule: own.rule };
    for (let dot = name.indexOf("."); dot >= 0; dot = name.indexOf(".", dot + 1)) {
      const e = this.suffix.get(name.slice(dot + 1));
      if (e) return { host: e.host, mode: e.mode, rule: e.rule };
    }
    return undefined;
  }

  /**
   * True when the bytes `buf[start, end)` (one trailing dot allowed, any ASCII case) end in a rule
   * name on a label boundary. Sound: never false for a name `lookup` would match. It stops at the
   * first label-aligned suffix that no rule name ends with, so `x.y.google.com` costs two labels.
   */
  mayMatch(buf: Uint8Array, start: number, end: number): boolean {
    if (end > start && buf[end - 1] === 46) end--;
    const lower = LOWER;
    const hashes = this.hashes;
    let h = 0;
    for (let j = end - 1; j >= start; j--) {
      h = (Math.imul(h, 31) + lower[buf[j]!]!) | 0;
      if (j === start || buf[j - 1] === 46) {
        const f = hashes.get(h);
        if (f & FLAG_RULE) return true;
        if (f === 0) return false;
      }
    }
    return false;
  }

  /** `mayMatch` for a string (the slow paths hand names over as strings). */
  mayMatchString(name: string): boolean {
    let end = name.length;
    if (end > 0 && name.charCodeAt(end - 1) === 46) end--;
    let h = 0;
    for (let j = end - 1; j >= 0; j--) {
      h = step(h, name.charCodeAt(j));
      if (j === 0 || name.charCodeAt(j - 1) === 46) {
        const f = this.hashes.get(h);
        if (f & FLAG_RULE) return true;
        if (f === 0) return false;
      }
    }
    return false;
  }
}
