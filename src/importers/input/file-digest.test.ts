import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileDigest } from "./file-digest.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("fileDigest", () => {
  it("gives the SHA-256 of the file's bytes, whichever implementation computed it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "offramp-digest-")), "a.log");
    writeFileSync(path, "line one\nline two\n");
    const d = await fileDigest(path, 18);
    expect(d).toMatchObject({ digest: sha("line one\nline two\n"), bytes: 18 });
    expect(["openssl", "node"]).toContain(d.tool);
  });

  it("hashes only the bytes that were scanned when the file is not the size the scan saw", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "offramp-digest-")), "a.log");
    writeFileSync(path, "line one\nline two\nappended later\n");
    const d = await fileDigest(path, 18);
    expect(d).toEqual({ digest: sha("line one\nline two\n"), bytes: 18, tool: "node" });
  });
});
