import { isUtf8 } from "node:buffer";
/**
 * Text decoding for inputs from the wild: BOM first, then the NUL pattern of UTF-16 without a BOM,
 * then strict UTF-8, falling back to a Windows code page when the bytes are not UTF-8
 * (cp1251 when the high bytes look Cyrillic, cp1252 otherwise). The switch can happen mid-stream.
 */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251" | "windows-1252";

export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  const n = Math.min(head.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  if (n >= 4 && oddNul > n / 8 && evenNul < oddNul / 4) return { encoding: "utf-16le", bom: 0 };
  if (n >= 4 && evenNul > n / 8 && oddNul < evenNul / 4) return { encoding: "utf-16be", bom: 0 };
  return { encoding: "utf-8", bom: 0 };
}

/**
 * Which single-byte code page explains these bytes better. Both put letters at 0xC0–0xFF, but
 * Russian words are runs of such bytes while Western European text has an accented letter here
 * and there among ASCII: most high bytes next to another high byte means cp1251.
 */
export function guessCodePage(bytes: Uint8Array): "windows-1251" | "windows-1252" {
  let high = 0;
  let adjacent = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    high++;
    if ((i > 0 && bytes[i - 1]! >= 0x80) || (i + 1 < bytes.length && bytes[i + 1]! >= 0x80)) adjacent++;
  }
  return high > 0 && adjacent / high > 0.5 ? "windows-1251" : "windows-1252";
}

/** Bytes at the end of `b` that begin a UTF-8 sequence the chunk does not finish. */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const byte = b[b.length - k]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

export class StreamDecoder {
  private decoder: TextDecoder | undefined;
  encoding: Encoding = "utf-8";
  /** Human-readable account of what was decided, for the input summary. */
  description = "utf-8";
  private skip = 0;
  private started = false;
  /** UTF-8 is validated and decoded by Node's native routines; `carry` holds a split sequence. */
  private fastUtf8 = false;
  private carry: Buffer = Buffer.alloc(0);

  decode(chunk: Uint8Array, final = false): string {
    if (!this.started) {
      const { encoding, bom } = detectEncoding(chunk);
      this.encoding = encoding;
      this.description = bom ? `${encoding} (BOM)` : encoding;
      this.skip = bom;
      this.fastUtf8 = encoding === "utf-8";
      this.decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
      this.started = true;
    }
    let bytes = chunk;
    if (this.skip > 0) {
      bytes = chunk.subarray(this.skip);
      this.skip = 0;
    }
    if (this.fastUtf8) {
      const all =
        this.carry.length > 0
          ? Buffer.concat([this.carry, bytes])
          : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const keep = final ? 0 : incompleteTail(all);
      const body = all.subarray(0, all.length - keep);
      if (isUtf8(body)) {
        this.carry = Buffer.from(all.subarray(all.length - keep));
        return body.toString("utf8");
      }
      // not UTF-8 after all: from here on, a Windows code page
      this.fastUtf8 = false;
      this.carry = Buffer.alloc(0);
      return this.fallBack(all, final);
    }
    try {
      return this.decoder!.decode(bytes, { stream: !final });
    } catch {
      return this.fallBack(bytes, final);
    }
  }

  private fallBack(bytes: Uint8Array, final: boolean): string {
    const page = guessCodePage(bytes);
    this.encoding = page;
    this.description = `${this.description} then ${page} (bytes were not UTF-8)`;
    this.decoder = new TextDecoder(page);
    return this.decoder.decode(bytes, { stream: !final });
  }

  end(): string {
    if (this.fastUtf8) {
      const rest = this.carry;
      this.carry = Buffer.alloc(0);
      return rest.length > 0 ? this.fallBack(rest, true) : "";
    }
    return this.decoder ? this.decoder.decode() : "";
  }
}
