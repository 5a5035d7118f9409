import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";

/** Where reading a file stands: which file (device and inode), how far, and how many lines so far. */
export interface FollowPosition {
  dev: number;
  ino: number;
  offset: number;
  line: number;
}

/** New complete records of one file: their bytes and the line number of the first. */
export interface FollowChunk {
  data: Buffer;
  firstLine: number;
  /** What happened before these bytes: the file was replaced (rotated) or cut short (truncated). */
  event?: "rotated" | "truncated";
}

const READ = 1 << 20;
/** Bytes read per poll and file at most, so one busy file cannot hold the others back. */
const MAX_PER_POLL = 32 << 20;

/**
 * Follows one path like `tail -F`: reads what was appended since the last poll, up to the last
 * complete record; when the path is replaced (rotation) it reads the old file to its end first and
 * then the new one from the start; when the file shrinks (copy-and-truncate) it starts over.
 * `recordEnd` says where a record may end (after a line feed by default).
 */
export class FileFollower {
  private fd: number | undefined;
  private pos: FollowPosition | undefined;
  /** The path did not exist at the first poll: when it appears, all of it is new. */
  private absentAtStart: boolean | undefined;

  /** Where a record may end in a run of bytes (just past it; 0 for nowhere yet). */
  recordEnd: (data: Buffer) => number = lastLineEnd;

  constructor(
    readonly path: string,
    start: FollowPosition | undefined,
    private readonly fromStart: boolean,
  ) {
    this.pos = start;
  }

  get position(): FollowPosition | undefined {
    return this.pos;
  }

  /** What was appended since the last call (possibly from two files after a rotation). */
  poll(): FollowChunk[] {
    const out: FollowChunk[] = [];
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(this.path);
    } catch {
      st = undefined;
    }
    this.absentAtStart ??= st === undefined;
    if (this.fd === undefined) {
      if (!st) return out;
      this.fd = openSync(this.path, "r");
      const opened = fstatSync(this.fd);
      const same = this.pos && this.pos.ino === opened.ino && this.pos.dev === opened.dev;
      if (!same) {
        // new file, or the saved one was rotated away while we were stopped: read it whole unless
        // this is a first start that follows from the end (like tail -F)
        const first = this.pos === undefined;
        const skip = first && !this.fromStart && !this.absentAtStart;
        // following from the end: the lines skipped are counted, so line numbers stay true
        this.pos = {
          dev: opened.dev,
          ino: opened.ino,
          offset: skip ? opened.size : 0,
          line: skip ? countFileLines(this.fd, opened.size) : 0,
        };
        if (!first) out.push({ data: Buffer.alloc(0), firstLine: 1, event: "rotated" });
      }
    } else if (st && (st.ino !== this.pos!.ino || st.dev !== this.pos!.dev)) {
      // rotated: finish the old file (its last line may lack a line feed), then the new one
      const rest = this.readAvailable(true);
      if (rest) out.push(rest);
      closeSync(this.fd);
      this.fd = openSync(this.path, "r");
      const opened = fstatSync(this.fd);
      this.pos = { dev: opened.dev, ino: opened.ino, offset: 0, line: 0 };
      out.push({ data: Buffer.alloc(0), firstLine: 1, event: "rotated" });
    }
    const size = fstatSync(this.fd).size;
    if (size < this.pos!.offset) {
      this.pos = { ...this.pos!, offset: 0, line: 0 };
      out.push({ data: Buffer.alloc(0), firstLine: 1, event: "truncated" });
    }
    const chunk = this.readAvailable(false);
    if (chunk) out.push(chunk);
    return out.filter((c) => c.data.length > 0 || c.event);
  }

  private readAvailable(all: boolean): FollowChunk | undefined {
    const fd = this.fd!;
    const pos = this.pos!;
    const size = fstatSync(fd).size;
    const want = Math.min(size - pos.offset, MAX_PER_POLL);
    if (want <= 0) return undefined;
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buf, got, Math.min(READ, want - got), pos.offset + got);
      if (n === 0) break;
      got += n;
    }
    let end = all ? got : this.recordEnd(buf.subarray(0, got));
    if (end <= 0 && got === MAX_PER_POLL) end = got; // a record longer than a poll's worth: pass it on
    if (end <= 0) return undefined;
    const data = buf.subarray(0, end);
    const chunk: FollowChunk = { data, firstLine: pos.line + 1 };
    pos.offset += end;
    pos.line += countLines(data);
    return chunk;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Just past the last line feed, or 0. */
export function lastLineEnd(data: Buffer): number {
  return data.lastIndexOf(10) + 1;
}

/** Just past the line that closes the last complete XML `<Event>`, or 0. */
export function lastXmlEventEnd(data: Buffer): number {
  const close = data.lastIndexOf("</Event>");
  if (close < 0) return 0;
  const nl = data.indexOf(10, close);
  return nl < 0 ? 0 : nl + 1;
}

function countFileLines(fd: number, size: number): number {
  const buf = Buffer.allocUnsafe(READ);
  let n = 0;
  for (let at = 0; at < size; ) {
    const got = readSync(fd, buf, 0, Math.min(READ, size - at), at);
    if (got === 0) break;
    n += countLines(buf.subarray(0, got));
    at += got;
  }
  return n;
}

export function countLines(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, i + 1)) n++;
  return n;
}
