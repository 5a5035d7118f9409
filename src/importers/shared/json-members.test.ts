import { describe, expect, it } from "vitest";
import { readJsonMembers } from "./json-members.js";

const SPLIT = new Set(["items"]);

describe("readJsonMembers", () => {
  it("reads members whole and the split arrays element by element, with lines", () => {
    const text =
      '{\n  "a": {"x": "]}\\"[{"},\n  "items": [\n    1,\n    {"n": "two"},\n    [3]\n  ],\n  "b": null\n}\n';
    const r = readJsonMembers(text, SPLIT);
    expect(r.broken).toBeUndefined();
    expect(r.items.map((i) => [i.key, i.index, i.value, i.line])).toEqual([
      ["a", undefined, { x: ']}"[{' }, 2],
      ["items", 0, 1, 4],
      ["items", 1, { n: "two" }, 5],
      ["items", 2, [3], 6],
      ["b", undefined, null, 8],
    ]);
  });

  it("reads a split member that is not an array as one value", () => {
    const r = readJsonMembers('{"items": {"k": 1}}', SPLIT);
    expect(r.items).toEqual([{ key: "items", value: { k: 1 }, line: 1 }]);
  });

  it("marks a bad element and goes on with the next", () => {
    const r = readJsonMembers('{"items": [{"v": 1.2.3}, {"v": 2}, tru, 4]}', SPLIT);
    expect(r.broken).toBeUndefined();
    expect(r.items.map((i) => [i.index, i.value, i.error !== undefined])).toEqual([
      [0, undefined, true],
      [1, { v: 2 }, false],
      [2, undefined, true],
      [3, 4, false],
    ]);
  });

  it("keeps complete elements of a truncated document and says where it broke", () => {
    const r = readJsonMembers('{"items": [\n{"v": 1},\n{"v": "cut', SPLIT);
    expect(r.items.map((i) => i.value)).toEqual([{ v: 1 }]);
    expect(r.broken).toMatchObject({ line: 3, key: "items", index: 1 });
    expect(r.broken!.message).toContain("truncated");
  });

  it("stops at garbage between elements and after the document", () => {
    const between = readJsonMembers('{"items": [1 2]}', SPLIT);
    expect(between.items.map((i) => i.value)).toEqual([1]);
    expect(between.broken!.message).toContain('unexpected "2]}"');
    const after = readJsonMembers('{"a": 1}\n{"b": 2}', SPLIT);
    expect(after.items.map((i) => i.value)).toEqual([1]);
    expect(after.broken).toMatchObject({ line: 2 });
  });

  it("refuses a document that is not an object, and accepts an empty one with a BOM", () => {
    expect(readJsonMembers("[1, 2]", SPLIT).broken!.message).toContain("not a JSON object");
    expect(readJsonMembers("\uFEFF { }", SPLIT)).toEqual({ items: [] });
  });
});
