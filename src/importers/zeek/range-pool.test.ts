import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lineRanges } from "./range-pool.js";

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "offramp-ranges-")), "a.log");
  writeFileSync(path, text);
  return path;
}

/** The ranges cover the file without gap or overlap and each starts at a line start. */
function check(text: string, ranges: [number, number][]): void {
  expect(ranges[0]?.[0]).toBe(0);
  expect(ranges.at(-1)?.[1]).toBe(text.length);
  for (let i = 0; i < ranges.length; i++) {
    const [start, end] = ranges[i]!;
    expect(end).toBeGreaterThan(start);
    if (i > 0) expect(start).toBe(ranges[i - 1]![1]);
    if (start > 0) expect(text[start - 1]).toBe("\n");
  }
}

describe("lineRanges", () => {
  it("cuts a file at line starts into about size/target ranges, at least `min`", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i} ${"x".repeat(i % 37)}`).join("\n");
    const path = file(text);
    const many = lineRanges(path, text.length, 1000, 2);
    check(text, many);
    expect(many.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 1000) - 1);
    const two = lineRanges(path, text.length, 1 << 30, 2);
    check(text, two);
    expect(two).toHaveLength(2);
  });

  it("merges cuts that fall inside one long line, and keeps a last line without a line feed", () => {
    const text = `short\n${"y".repeat(200_000)}\nend`;
    const ranges = lineRanges(file(text), text.length, 10_000, 2);
    check(text, ranges);
    // every cut in the long line moves past its end: one range holds it whole
    expect(ranges).toEqual([
      [0, 200_007],
      [200_007, text.length],
    ]);
  });

  it("gives no range for an empty file and one for a file of one line", () => {
    expect(lineRanges(file(""), 0, 10, 4)).toEqual([]);
    expect(lineRanges(file("only"), 4, 1, 4)).toEqual([[0, 4]]);
  });
});
