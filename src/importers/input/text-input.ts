import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { guessCodePage, StreamDecoder } from "./decode.js";
import { fileDigest, hashRange, PREFETCH_MIN_BYTES } from "./file-digest.js";

export const HEAD_CHARS = 64 * 1024;
const CHUNK = 1 << 20;

/** A run of whole lines: raw UTF-8 bytes, or text when the input is not UTF-8. */
export type Block = { bytes: Buffer; text?: undefined } | { text: string; bytes?: undefined };

/** Text re-cut so that every block but the last ends at a line feed. */
async function* textBlocks(source: AsyncIterable<string>): AsyncGenerator<Block> {
  let carry = "";
  for await (const chunk of source) {
    const text = carry + chunk;
    const cut = text.lastIndexOf("\n") + 1;
    carry = text.slice(cut);
    if (cut > 0) yield { text: text.slice(0, cut) };
  }
  if (carry.length > 0) yield { text: carry };
}

export interface LineBatch {
  lines: string[];
  /** 1-based line number of `lines[0]`. */
  first: number;
}

/** Where the bytes come from; the network fast path reads plain files itself, in parallel. */
export interface InputSource {
  path?: string;
  size?: number;
  gzip: boolean;
}

/**
 * One input as text: gunzipped when it starts with the gzip magic, decoded by `StreamDecoder`,
 * hashed (SHA-256 over the bytes as read) and read once, with the head kept for sniffing.
 */
export class TextInput {
  private readonly hash = createHash("sha256");
  private bytesRead = 0;
  private readonly decoder = new StreamDecoder();
  private readonly pending: string[] = [];
  private bytes$: AsyncIterator<Buffer> | undefined;
  /** Decompressed chunks `peek` read, kept for `blocks`. */
  private readonly rawHead: Buffer[] = [];
  /** The input ended within the head. */
  private ended = false;
  private consumed = false;
  private done = false;
  private settled: { digest: string; bytes: number } | undefined;
  /** A large plain file is hashed in a worker thread beside the reading (file-digest.ts). */
  private beside: Promise<{ digest: string; bytes: number }> | undefined;
  private later: Promise<{ digest: string; bytes: number }> | undefined;
  source: InputSource = { gzip: false };
  head = "";

  private constructor(
    readonly name: string,
    private readonly open: () => AsyncIterable<Buffer>,
    path?: string,
  ) {
    if (path) {
      this.source.path = path;
      this.source.size = statSync(path).size;
    }
  }

  static fromFile(path: string, name = path): TextInput {
    return new TextInput(name, () => createReadStream(path, { highWaterMark: CHUNK }), path);
  }

  static fromStream(name: string, stream: AsyncIterable<Buffer>): TextInput {
    return new TextInput(name, () => stream);
  }

  static fromBuffer(name: string, data: Buffer | string): TextInput {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    return new TextInput(name, async function* () {
      for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
    });
  }

  get digest(): string {
    if (this.settled) return this.settled.digest;
    if (this.beside) throw new Error(`${this.name}: digest asked before drain() finished`);
    if (!this.done) throw new Error(`${this.name}: digest asked before the input was read to the end`);
    return this.hash.copy().digest("hex");
  }

  get bytes(): number {
    return this.settled?.bytes ?? this.bytesRead;
  }

  /**
   * For a reader that took the file over by its path (the network fast path reads large files in
   * worker threads): it hands back the SHA-256 and size of the bytes it read, and the stream opened
   * for `peek` is closed. The input then counts as read to the end.
   */
  async settle(digest: string, bytes: number): Promise<void> {
    await this.settleLater(Promise.resolve({ digest, bytes }));
    this.settled = { digest, bytes };
  }

  /**
   * `settle` with a digest still being computed (the network fast path: the records are all read,
   * the hash of a large file may take a little longer). The caller takes it from `pendingDigest`.
   */
  async settleLater(digest: Promise<{ digest: string; bytes: number }>): Promise<void> {
    this.later = digest;
    this.consumed = true;
    const open = this.bytes$;
    this.bytes$ = undefined;
    this.pending.length = 0;
    this.rawHead.length = 0;
    this.done = true;
    await open?.return?.(undefined);
  }

  /** The digest handed over by `settleLater`, until taken (then `settled` when it was given whole). */
  get pendingDigest(): Promise<{ digest: string; bytes: number }> | undefined {
    return this.settled ? undefined : this.later;
  }

  get encoding(): string {
    return this.source.gzip ? `gzip, ${this.decoder.description}` : this.decoder.description;
  }

  private async *raw(): AsyncGenerator<Buffer> {
    const { path, size } = this.source;
    let chunks = 0;
    for await (const chunk of this.open()) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      // started with the second chunk: a reader that takes the file over after the head (the Zeek
      // fast path, which hashes it itself) must not cause a second hashing of the whole file
      if (chunks++ === 1 && path && size !== undefined && size >= PREFETCH_MIN_BYTES)
        this.beside = fileDigest(path, size);
      if (!this.beside) this.hash.update(buf);
      this.bytesRead += buf.length;
      yield buf;
    }
  }

  /** The input's bytes, gunzipped when they start with the gzip magic; `done` once exhausted. */
  private async *decompressed(): AsyncGenerator<Buffer> {
    const raw = this.raw();
    const first = await raw.next();
    if (first.done) {
      this.done = true;
      return;
    }
    const head = first.value;
    const all = async function* () {
      yield head;
      yield* { [Symbol.asyncIterator]: () => raw };
    };
    if (head[0] === 0x1f && head[1] === 0x8b) {
      this.source.gzip = true;
      yield* Readable.from(all()).pipe(createGunzip({ chunkSize: CHUNK }));
    } else yield* all();
    this.done = true;
  }

  /** Reads until the head holds HEAD_CHARS characters or the input ends. */
  async peek(): Promise<string> {
    if (this.bytes$) return this.head;
    this.bytes$ = this.decompressed();
    while (this.head.length < HEAD_CHARS) {
      const next = await this.bytes$.next();
      if (next.done) {
        const tail = this.decoder.end();
        if (tail) this.pending.push(tail);
        this.head += tail;
        this.ended = true;
        break;
      }
      this.rawHead.push(next.value);
      const text = this.decoder.decode(next.value);
      this.pending.push(text);
      this.head += text;
    }
    if (this.head.length > HEAD_CHARS) this.head = this.head.slice(0, HEAD_CHARS);
    return this.head;
  }

  private begin(): void {
    if (this.consumed) throw new Error(`${this.name}: input already read`);
    this.consumed = true;
  }

  /** Decoded text chunks, from the start; an input is read once. */
  async *chunks(): AsyncGenerator<string> {
    this.begin();
    await this.peek();
    this.rawHead.length = 0;
    while (this.pending.length > 0) {
      const text = this.pending.shift()!;
      if (text) yield text;
    }
    if (this.ended) return;
    for (;;) {
      const next = await this.bytes$!.next();
      if (next.done) {
        const tail = this.decoder.end();
        if (tail) yield tail;
        return;
      }
      const text = this.decoder.decode(next.value);
      if (text) yield text;
    }
  }

  /**
   * The input in blocks that end at a line feed (the last one may not): raw UTF-8 bytes while the
   * input is UTF-8, so a line-oriented reader can skip lines without decoding them; text when the
   * input is UTF-16 or a Windows code page, or from the first block that is not valid UTF-8 on.
   * The BOM is not part of the first block.
   */
  async *blocks(): AsyncGenerator<Block> {
    this.begin();
    await this.peek();
    const pending = this.pending.splice(0);
    const rawHead = this.rawHead.splice(0);
    if (this.decoder.encoding !== "utf-8") {
      yield* textBlocks(this.restOfText(pending));
      return;
    }
    const source = this.restOfBytes(rawHead);
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    for await (const chunk of source) {
      let buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      if (first) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      }
      const cut = buf.lastIndexOf(10) + 1;
      carry = Buffer.from(buf.subarray(cut));
      const block = buf.subarray(0, cut);
      if (block.length === 0) continue;
      if (isUtf8(block)) {
        yield { bytes: block };
        continue;
      }
      // not UTF-8 after all: this block and the rest are read as a Windows code page
      const page = guessCodePage(block);
      this.decoder.encoding = page;
      this.decoder.description = `${this.decoder.description} then ${page} (bytes were not UTF-8)`;
      const decoder = new TextDecoder(page);
      const rest = async function* () {
        yield decoder.decode(Buffer.concat([block, carry]), { stream: true });
        for await (const c of source) yield decoder.decode(c, { stream: true });
        yield decoder.decode();
      };
      yield* textBlocks(rest());
      return;
    }
    if (carry.length > 0) {
      if (isUtf8(carry)) yield { bytes: carry };
      else yield { text: new TextDecoder(guessCodePage(carry)).decode(carry) };
    }
  }

  private async *restOfBytes(head: Buffer[]): AsyncGenerator<Buffer> {
    yield* head;
    if (this.ended) return;
    for (let n = await this.bytes$!.next(); !n.done; n = await this.bytes$!.next()) yield n.value;
  }

  private async *restOfText(head: string[]): AsyncGenerator<string> {
    yield* head;
    if (this.ended) return;
    for (let n = await this.bytes$!.next(); !n.done; n = await this.bytes$!.next()) {
      yield this.decoder.decode(n.value);
    }
    yield this.decoder.end();
  }

  /** Lines in batches (CRLF, LF and lone CR all end a line), with their line numbers. */
  async *lines(): AsyncGenerator<LineBatch> {
    let carry = "";
    let lineNo = 1;
    for await (const chunk of this.chunks()) {
      const text = carry + chunk;
      const lines: string[] = [];
      let start = 0;
      for (;;) {
        const nl = text.indexOf("\n", start);
        if (nl < 0) break;
        pushLine(lines, text, start, nl);
        start = nl + 1;
      }
      carry = text.slice(start);
      if (lines.length > 0) {
        yield { lines, first: lineNo };
        lineNo += lines.length;
      }
    }
    if (carry.length > 0) {
      const lines: string[] = [];
      pushLine(lines, carry, 0, carry.length);
      yield { lines, first: lineNo };
    }
  }

  /** The whole text, for formats that are one document (JSON arrays, XML, SBOMs). */
  async text(limit = 1 << 30): Promise<string> {
    const parts: string[] = [];
    let size = 0;
    for await (const chunk of this.chunks()) {
      size += chunk.length;
      if (size > limit) throw new Error(`${this.name}: larger than ${limit} characters; split the file`);
      parts.push(chunk);
    }
    return parts.join("");
  }

  /** Reads whatever is left so that the digest covers every byte. */
  async drain(): Promise<void> {
    if (this.settled || this.later) return;
    if (!this.consumed) {
      for await (const _ of this.chunks()) {
        // discard
      }
    } else if (this.bytes$) for (let n = await this.bytes$.next(); !n.done; n = await this.bytes$.next()) {}
    if (this.beside) {
      const r = await this.beside;
      // the file changed under us: hash exactly the bytes that were read
      const d = r.bytes === this.bytesRead ? r : await hashRange(this.source.path!, this.bytesRead);
      this.settled = { digest: d.digest, bytes: this.bytesRead };
    }
  }
}

function pushLine(out: string[], text: string, start: number, end: number): void {
  let line = text.slice(start, end);
  if (line.endsWith("\r")) line = line.slice(0, -1);
  if (line.includes("\r")) out.push(...line.split("\r"));
  else out.push(line);
}
