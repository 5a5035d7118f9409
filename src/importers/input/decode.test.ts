import { describe, expect, it } from "vitest";
import { StreamDecoder } from "./decode.js";

function decodeInPieces(bytes: Buffer, size: number): { text: string; encoding: string } {
  const d = new StreamDecoder();
  let text = "";
  for (let i = 0; i < bytes.length; i += size) text += d.decode(bytes.subarray(i, i + size));
  text += d.end();
  return { text, encoding: d.description };
}

describe("StreamDecoder", () => {
  const sample = "host,name\nru-01,Kaspersky Endpoint Security для Windows «АО» 😀\n";

  it("decodes UTF-8 split anywhere, even inside a multi-byte character", () => {
    const bytes = Buffer.from(sample, "utf8");
    for (const size of [1, 2, 3, 5, 7, 64]) expect(decodeInPieces(bytes, size).text).toBe(sample);
  });

  it("strips a UTF-8 BOM and says so", () => {
    const r = decodeInPieces(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]), 4);
    expect(r.text).toBe(sample);
    expect(r.encoding).toBe("utf-8 (BOM)");
  });

  it("decodes UTF-16LE with and without a BOM, and UTF-16BE with one", () => {
    const le = Buffer.from(sample, "utf16le");
    expect(decodeInPieces(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 3).text).toBe(sample);
    expect(decodeInPieces(le, 5).text).toBe(sample);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeInPieces(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 3).text).toBe(sample);
  });

  it("falls back to cp1251 for Cyrillic bytes that are not UTF-8, and to cp1252 for Latin ones", () => {
    const cp1251 = Buffer.from([
      0x41, 0x4f, 0x20, 0xcb, 0xe0, 0xe1, 0xee, 0xf0, 0xe0, 0xf2, 0xee, 0xf0, 0xe8, 0xff, 0x0a,
    ]);
    const r = decodeInPieces(cp1251, 4);
    expect(r.text).toBe("AO Лаборатория\n");
    expect(r.encoding).toContain("windows-1251");
    const cp1252 = Buffer.from("Caf\u00e9 M\u00fcller, K\u00f6ln\n", "latin1");
    expect(decodeInPieces(cp1252, 64).text).toBe("Café Müller, Köln\n");
  });

  it("switches mid-stream when bytes stop being UTF-8, keeping what came before", () => {
    const good = Buffer.from("host,name\nde-01,Müller GmbH\n", "utf8");
    const bad = Buffer.from("de-02,Gr\u00fc\u00dfe aus M\u00fcnchen, \u00c4pfel und \u00d6l\n", "latin1");
    const r = decodeInPieces(Buffer.concat([good, bad]), 32);
    expect(r.text.startsWith("host,name\nde-01,Müller GmbH\n")).toBe(true);
    expect(r.text.endsWith("Grüße aus München, Äpfel und Öl\n")).toBe(true);
  });
});
