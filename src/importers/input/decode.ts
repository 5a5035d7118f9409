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

/** Which single-byte code page explains these bytes better: Cyrillic letters sit at 0xC0–0xFF in cp1251. */
export function guessCodePage(bytes: Uint8Array): "windows-1251" | "windows-1252" {
  let cyrillic = 0;
  let other = 0;
  for (const b of bytes) {
    if (b >= 0xc0) cyrillic++;
    else if (b >= 0x80) other++;
  }
  return cyrillic > 0 && cyrillic >= other * 2 ? "windows-1251" : "windows-1252";
}

export class StreamDecoder {
  private decoder: TextDecoder | undefined;
  encoding: Encoding = "utf-8";
  /** Human-readable account of what was decided, for the input summary. */
  description = "utf-8";
  private skip = 0;
  private started = false;

  decode(chunk: Uint8Array, final = false): string {
    if (!this.started) {
      const { encoding, bom } = detectEncoding(chunk);
      this.encoding = encoding;
      this.description = bom ? `${encoding} (BOM)` : encoding;
      this.skip = bom;
      this.decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
      this.started = true;
    }
    let bytes = chunk;
    if (this.skip > 0) {
      bytes = chunk.subarray(this.skip);
      this.skip = 0;
    }
    try {
      return this.decoder!.decode(bytes, { stream: !final });
    } catch {
      const page = guessCodePage(bytes);
      this.encoding = page;
      this.description = `${this.description} then ${page} (bytes were not UTF-8)`;
      this.decoder = new TextDecoder(page);
      return this.decoder.decode(bytes, { stream: !final });
    }
  }

  end(): string {
    return this.decoder ? this.decoder.decode() : "";
  }
}
