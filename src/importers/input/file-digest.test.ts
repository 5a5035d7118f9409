import { createHash } from "node:crypto";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileDigest, PREFETCH_MIN_BYTES, prefetchDigests, stopDigests } from "./file-digest.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("fileDigest", () => {
  it("gives the SHA-256 of the file's bytes, whichever implementation computed it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "offramp-digest-")), "a.log");
    writeFileSync(path, "line one\nline two\n");
    const d = await fileDigest(path, 18);
    expect(d).toMatchObject({ digest: sha("line one\nline two\n"), bytes: 18 });
    expect(d.tool).toBe("thread");
  });

  it("hashes only the bytes that were scanned when the file is not the size the scan saw", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "offramp-digest-")), "a.log");
    writeFileSync(path, "line one\nline two\nappended later\n");
    const d = await fileDigest(path, 18);
    expect(d).toEqual({ digest: sha("line one\nline two\n"), bytes: 18, tool: "inline" });
  });

  it("takes a digest prefetched before the scan, and only while the file is unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "offramp-digest-"));
    const big = Buffer.alloc(PREFETCH_MIN_BYTES + 5, 0x61);
    const [a, b] = [join(dir, "a.log"), join(dir, "b.log")];
    writeFileSync(a, big);
    writeFileSync(b, big);
    writeFileSync(join(dir, "small.log"), "x\n");
    try {
      prefetchDigests([a, b, join(dir, "small.log"), join(dir, "missing.log"), "-"]);
      expect(await fileDigest(a, big.length)).toEqual({
        digest: sha(big.toString("latin1")),
        bytes: big.length,
        tool: "prefetch",
      });
      // b grows after it was queued: the bytes the scan saw are hashed again
      appendFileSync(b, "more\n");
      expect(await fileDigest(b, big.length)).toEqual({
        digest: sha(big.toString("latin1")),
        bytes: big.length,
        tool: "inline",
      });
      // a file not queued is hashed in the thread on demand
      expect((await fileDigest(join(dir, "small.log"), 2)).tool).toBe("thread");
    } finally {
      await stopDigests();
    }
  });

  it("starts a new hashing thread after a stop", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "offramp-digest-")), "a.log");
    writeFileSync(path, "abc\n");
    await stopDigests();
    expect(await fileDigest(path, 4)).toMatchObject({ digest: sha("abc\n"), tool: "thread" });
    await stopDigests();
  });
});
