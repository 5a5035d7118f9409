import { describe, expect, it } from "vitest";
import { analyseName } from "../normalize/analyze.js";
import { acronymCandidates, acronymSpans } from "./acronyms.js";

const form = (n: string) => analyseName(n)[0]!;

describe("acronyms", () => {
  it("finds the words an acronym spells, with or without the stopwords", () => {
    const ibm = form("International Business Machines Corporation");
    expect(acronymSpans(ibm.tokens, new Set(["ibm"]))).toEqual([{ idx: [0, 1, 2], initials: "ibm" }]);
    const ntt = form("Nippon Telegraph and Telephone");
    expect(acronymSpans(ntt.tokens, new Set(["ntt"]))).toEqual([{ idx: [0, 1, 2, 3], initials: "ntt" }]);
    const boa = form("Bank of America");
    expect(acronymSpans(boa.tokens, new Set(["boa"]))).toHaveLength(1);
  });
  it("takes only short distinctive or country words as possible acronyms", () => {
    expect([...acronymCandidates(form("IBM Corp"))]).toEqual(["ibm"]);
    expect([...acronymCandidates(form("U.S. Department of State"))]).toEqual(["us"]);
    expect(acronymCandidates(form("Kaspersky Lab")).size).toBe(0);
  });
  it("does not let a span cross a number or end on a stopword", () => {
    const t = form("Alpha 2 Beta").tokens;
    expect(acronymSpans(t, new Set(["ab"]))).toEqual([]);
  });
});
