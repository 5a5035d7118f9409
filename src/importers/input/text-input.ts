import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { StreamDecoder } from "./decode.js";
import { fileDigest, hashRange } from "./file-digest.js";

export const HEAD_CHARS = 64 * 1024;
/** Plain files at least this large are hashed beside the reading (see file-digest.ts). */
const HASH_BESIDE_BYTES = 16 * 1024 * 1024;
const CHUNK = 1 << 20;

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
  private text$: AsyncIterator<string> | undefined;
  private consumed = false;
  private done = false;
  private settled: { digest: string; bytes: number } | undefined;
  /** A large plain file is hashed by the system's openssl in its own process, beside the reading. */
  private beside: Promise<{ digest: string; bytes: number }> | undefined;
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
    this.consumed = true;
    const open = this.text$;
    this.text$ = undefined;
    this.pending.length = 0;
    this.settled = { digest, bytes };
    this.done = true;
    await open?.return?.(undefined);
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
      if (chunks++ === 1 && path && size !== undefined && size >= HASH_BESIDE_BYTES)
        this.beside = fileDigest(path, size);
      if (!this.beside) this.hash.update(buf);
      this.bytesRead += buf.length;
      yield buf;
    }
  }

  private async *decoded(): AsyncGenerator<string> {
    const raw = this.raw();
    const first = await raw.next();
    if (first.done) {
      this.done = true;
      return;
    }
    const head = first.value;
    let bytes: AsyncIterable<Buffer>;
    if (head[0] === 0x1f && head[1] === 0x8b) {
      this.source.gzip = true;
      const rest = async function* () {
        yield head;
        yield* { [Symbol.asyncIterator]: () => raw };
      };
      bytes = Readable.from(rest()).pipe(createGunzip({ chunkSize: CHUNK }));
    } else {
      bytes = (async function* () {
        yield head;
        yield* { [Symbol.asyncIterator]: () => raw };
      })();
    }
    for await (const chunk of bytes) {
      const text = this.decoder.decode(chunk);
      if (text) yield text;
    }
    const tail = this.decoder.end();
    if (tail) yield tail;
    this.done = true;
  }

  /** Reads until the head holds HEAD_CHARS characters or the input ends. */
  async peek(): Promise<string> {
    if (this.text$) return this.head;
    this.text$ = this.decoded();
    while (this.head.length < HEAD_CHARS) {
      const next = await this.text$.next();
      if (next.done) break;
      this.pending.push(next.value);
      this.head += next.value;
    }
    if (this.head.length > HEAD_CHARS) this.head = this.head.slice(0, HEAD_CHARS);
    return this.head;
  }

  /** Decoded text chunks, from the start; an input is read once. */
  async *chunks(): AsyncGenerator<string> {
    if (this.consumed) throw new Error(`${this.name}: input already read`);
    this.consumed = true;
    await this.peek();
    while (this.pending.length > 0) yield this.pending.shift()!;
    for (;;) {
      const next = await this.text$!.next();
      if (next.done) return;
      yield next.value;
    }
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
    if (this.settled) return;
    if (!this.consumed) {
      for await (const _ of this.chunks()) {
        // discard
      }
    } else if (this.text$) for (let n = await this.text$.next(); !n.done; n = await this.text$.next()) {}
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
