import { describe, expect, it } from "vitest";
import { NeedleScanner } from "./needle-scanner.js";

describe("NeedleScanner", () => {
  const needles = [
    "kaspersky",
    "kav",
    "avp",
    "klif",
    "касперский",
    "лаборатория",
    "1093",
    "he",
    "she",
    "hers",
  ];
  const scanner = new NeedleScanner(needles);
  const re = new RegExp(needles.join("|"), "i");

  it("finds needles whatever their case, in Latin and Cyrillic", () => {
    expect(scanner.test("AO KASPERSKY Lab")).toBe(true);
    expect(scanner.test("АО «Лаборатория Касперского»")).toBe(true);
    expect(scanner.test("КАСПЕРСКИЙ")).toBe(true);
    expect(scanner.test("Google Chrome")).toBe(false);
    expect(scanner.test("kaspi bank")).toBe(false);
    expect(scanner.test("ushers")).toBe(true); // overlapping needles, failure links
  });

  it("agrees with a case-insensitive regex on random text, line by line", () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = 'aAkKsSpPeErRyYvV1093hH \nкКаАсСпПлЛиИйЙ,;"';
    for (let round = 0; round < 200; round++) {
      let text = "";
      for (let i = 0; i < 400; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const expected: boolean[] = text.split("\n").map((l) => re.test(l));
      const hits = scanner.candidates(text, 0, text.length);
      const lineOf = (pos: number) => text.slice(0, pos).split("\n").length - 1;
      const got = new Array(expected.length).fill(false);
      for (const h of hits) got[lineOf(h)] = true;
      expect(got).toEqual(expected);
      // the byte scanner finds the same lines in the UTF-8 bytes
      const bytes = Buffer.from(text, "utf8");
      const gotBytes = new Array(expected.length).fill(false);
      for (const h of scanner.candidatesBytes(bytes, 0, bytes.length)) {
        gotBytes[bytes.subarray(0, h).toString("utf8").split("\n").length - 1] = true;
      }
      expect(gotBytes).toEqual(expected);
    }
  });
});
