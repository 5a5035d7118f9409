import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TextInput } from "./text-input.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("TextInput", () => {
  it("hashes the bytes as read, gzip included, and numbers lines across CRLF, LF and lone CR", async () => {
    const text = "a\r\nb\nc\rd";
    const input = TextInput.fromBuffer("t", gzipSync(Buffer.from(text)));
    const lines: [number, string][] = [];
    for await (const b of input.lines()) {
      for (const [i, l] of b.lines.entries()) lines.push([b.first + i, l]);
    }
    await input.drain();
    expect(lines).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
      [4, "d"],
    ]);
    expect(input.digest).toBe(sha(gzipSync(Buffer.from(text))));
    expect(input.source.gzip).toBe(true);
  });

  it("hashes a large plain file beside the reading and gives the same digest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "offramp-ti-"));
    const path = join(dir, "big.csv");
    const row = "host-0001,Some Application Name,Some Publisher Inc.,1.2.3\n";
    const data = Buffer.from(row.repeat(Math.ceil((17 * 1024 * 1024) / row.length)));
    writeFileSync(path, data);
    const input = TextInput.fromFile(path);
    let n = 0;
    for await (const b of input.lines()) n += b.lines.length;
    expect(() => input.digest).toThrow(/drain/);
    await input.drain();
    expect(n).toBe(data.length / row.length);
    expect(input.digest).toBe(sha(data));
    expect(input.bytes).toBe(data.length);
  });
});
