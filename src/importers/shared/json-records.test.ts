import { describe, expect, it } from "vitest";
import { jsonRecords, rawJsonMayMatch, str } from "./json-records.js";

const all = (text: string, path: string[]) => [...jsonRecords(text, path)];

describe("jsonRecords", () => {
  it("reads the elements of a nested array with their lines", () => {
    const text = '{"meta": {"x": [1, {"y": "}"}]},\n "data": {"items": [\n  {"a": 1},\n  {"a": "b\\"c"}\n]}}';
    expect(all(text, ["data", "items", "*"])).toEqual([
      { value: { a: 1 }, line: 3 },
      { value: { a: 'b"c' }, line: 4 },
    ]);
  });

  it("makes each top-level value a record with the empty path (NDJSON)", () => {
    expect(all('{"a":1}\n{"a":2}\r\n\n{"a":3}', []).map((r) => r.value)).toEqual([
      { a: 1 },
      { a: 2 },
      { a: 3 },
    ]);
  });

  it("keeps the records before a truncation and reports the cut with its line", () => {
    const text = '[\n{"a": 1},\n{"a": 2},\n{"a": "trunc';
    const out = all(text, ["*"]);
    expect(out.slice(0, 2).map((r) => r.value)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(out[2]).toMatchObject({ error: "unterminated string", line: 4 });
  });

  it("reports a record that balances but does not parse, and reads on", () => {
    const out = all('[{"a": 1}, {"a": tru}, {"a": 3}]', ["*"]);
    expect(out.map((r) => r.value ?? "error")).toEqual([{ a: 1 }, "error", { a: 3 }]);
  });

  it("resumes NDJSON at the next line after garbage", () => {
    const out = all('{"a":1}\n\u0000\u0001 junk {[<"\n{"a":2}\n', []);
    expect(out[0]).toEqual({ value: { a: 1 }, line: 1 });
    expect(out[1]).toMatchObject({ line: 2 });
    expect(out[1]!.error).toContain("U+0000");
  });

  it("yields nothing for an empty array and skips values off the path", () => {
    expect(all('{"x": [], "items": []}', ["items", "*"])).toEqual([]);
    expect(all('{"x": {"items": [1]}}', ["items", "*"])).toEqual([]);
  });
});

describe("rawJsonMayMatch and str", () => {
  it("lets escaped text through the literal pre-filter", () => {
    expect(rawJsonMayMatch(/kaspersky/i, '{"n":"\\u041a"}')).toBe(true);
    expect(rawJsonMayMatch(/kaspersky/i, '{"n":"Git"}')).toBe(false);
  });

  it("turns scalars into trimmed strings and drops the rest", () => {
    expect([str(" a "), str(3), str(false), str(""), str(null), str({})]).toEqual([
      "a",
      "3",
      "false",
      undefined,
      undefined,
      undefined,
    ]);
  });
});
