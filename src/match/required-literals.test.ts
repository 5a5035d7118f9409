import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load.js";
import { NetworkMatcher } from "./network-matcher.js";
import { literalAt, literalChecks, requiredLiterals } from "./required-literals.js";

const entry = (host: string) => ({ host, mode: "suffix" as const, rule: 0 });

describe("requiredLiterals", () => {
  it("covers every host of the catalogue with two literals", () => {
    const entries = NetworkMatcher.fromCatalog(loadCatalog()).domainEntries;
    const lits = requiredLiterals(entries)!;
    expect(lits).toEqual(["kaspersky", "securelist"]);
    for (const e of entries) expect(lits.some((l) => e.host.toLowerCase().includes(l))).toBe(true);
  });

  it("prefers the label shared by most hosts over each host's longest", () => {
    const lits = requiredLiterals(
      ["ksn-crypto-info-geo.example-labs.com", "upd.example-labs.com"].map(entry),
    );
    expect(lits).toEqual(["example-labs"]);
  });

  it("gives up when the hosts need too many literals or only short ones", () => {
    expect(
      requiredLiterals(["alpha1.com", "bravo2.com", "charlie.com", "delta4.com", "echo55.com"].map(entry)),
    ).toBe(undefined);
    expect(requiredLiterals(["ab.com"].map(entry))).toBe(undefined);
    expect(requiredLiterals([])).toBe(undefined);
  });
});

describe("literalChecks and literalAt", () => {
  it("tests the first byte, the least common one and the last", () => {
    expect(literalChecks("kaspersky")).toEqual([
      [107, 0],
      [107, 7],
      [121, 8],
    ]);
  });

  it("confirms a literal in any ASCII case, and only a whole one", () => {
    const buf = Buffer.from("x.KaSpErSkY.com kasperski");
    expect(literalAt(buf, 2, ["kaspersky"])).toBe(true);
    expect(literalAt(buf, 16, ["kaspersky"])).toBe(false);
    expect(literalAt(buf, 20, ["kaspersky"])).toBe(false);
  });
});
