import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFollower, lastXmlEventEnd } from "./follow.js";

const dir = () => mkdtempSync(join(tmpdir(), "offramp-follow-"));
const text = (chunks: { data: Buffer }[]) => chunks.map((c) => c.data.toString()).join("");

describe("FileFollower", () => {
  it("reads appended complete lines and holds back a partial one", () => {
    const path = join(dir(), "a.log");
    writeFileSync(path, "one\n");
    const f = new FileFollower(path, undefined, true);
    expect(text(f.poll())).toBe("one\n");
    appendFileSync(path, "two\nthr");
    const c = f.poll();
    expect(text(c)).toBe("two\n");
    expect(c[0]?.firstLine).toBe(2);
    appendFileSync(path, "ee\n");
    expect(text(f.poll())).toBe("three\n");
    expect(f.position?.line).toBe(3);
  });

  it("starts at the end of an existing file unless told to read it from the start", () => {
    const path = join(dir(), "a.log");
    writeFileSync(path, "old\n");
    const f = new FileFollower(path, undefined, false);
    expect(f.poll()).toEqual([]);
    appendFileSync(path, "new\n");
    expect(text(f.poll())).toBe("new\n");
  });

  it("waits for a file that does not exist yet", () => {
    const path = join(dir(), "later.log");
    const f = new FileFollower(path, undefined, false);
    expect(f.poll()).toEqual([]);
    writeFileSync(path, "first\n");
    // the file appeared after the follower started: all of it is new, so it is read whole
    expect(text(f.poll())).toBe("first\n");
    appendFileSync(path, "second\n");
    expect(text(f.poll())).toBe("second\n");
  });

  it("finishes a rotated file, then reads the new one from its start", () => {
    const d = dir();
    const path = join(d, "a.log");
    writeFileSync(path, "1\n");
    const f = new FileFollower(path, undefined, true);
    f.poll();
    appendFileSync(path, "2\nlast-without-newline");
    renameSync(path, join(d, "a.log.1"));
    writeFileSync(path, "new-1\n");
    const chunks = f.poll();
    expect(chunks.map((c) => [c.data.toString(), c.event ?? "", c.firstLine])).toEqual([
      ["2\nlast-without-newline", "", 2],
      ["", "rotated", 1],
      ["new-1\n", "", 1],
    ]);
  });

  it("starts over when the file is truncated (copy and truncate)", () => {
    const path = join(dir(), "a.log");
    writeFileSync(path, "aaaa\nbbbb\n");
    const f = new FileFollower(path, undefined, true);
    f.poll();
    writeFileSync(path, "c\n");
    const chunks = f.poll();
    expect(chunks.map((c) => [c.data.toString(), c.event ?? ""])).toEqual([
      ["", "truncated"],
      ["c\n", ""],
    ]);
  });

  it("resumes from a saved position, and re-reads a file replaced while stopped", () => {
    const path = join(dir(), "a.log");
    writeFileSync(path, "one\ntwo\n");
    const first = new FileFollower(path, undefined, true);
    first.poll();
    const saved = first.position!;
    first.close();
    appendFileSync(path, "three\n");
    const resumed = new FileFollower(path, saved, false);
    const c = resumed.poll();
    expect([text(c), c[0]?.firstLine]).toEqual(["three\n", 3]);
    resumed.close();
    renameSync(path, `${path}.1`);
    writeFileSync(path, "fresh\n");
    expect(text(new FileFollower(path, saved, false).poll())).toBe("fresh\n");
  });

  it("cuts XML after the last complete event", () => {
    const xml = Buffer.from("<Event>\n<A/>\n</Event>\n<Event>\n<B/>\n");
    expect(xml.subarray(0, lastXmlEventEnd(xml)).toString()).toBe("<Event>\n<A/>\n</Event>\n");
  });
});
