import { describe, expect, it } from "vitest";
import { bandOf } from "../bands.js";
import { scorePair } from "../pairs.js";
import { editBudget, editCost, fuzzySimilarity } from "./edit-cost.js";

const score = (a: string, b: string) => scorePair(a, b).score;

describe("edit cost", () => {
  it("charges confusable letters less and digits more", () => {
    expect(editCost("kaspersky", "kaspersky")).toBe(0);
    expect(editCost("citygroup", "citigroup")).toBe(0.7);
    expect(editCost("kaspresky", "kaspersky")).toBe(1);
    expect(editCost("unit3", "unit8")).toBe(1.5);
  });
  it("never matches tokens of three letters or fewer fuzzily", () => {
    expect(editBudget(3)).toBe(0);
    expect(fuzzySimilarity("cvs", "cvc").sim).toBe(0);
    expect(fuzzySimilarity("kapersky", "kaspersky").sim).toBeGreaterThan(0.7);
  });
});

describe("name score", () => {
  it("scores every written form of the Entity List names as equal", () => {
    for (const v of [
      "Лаборатория Касперского",
      "АО «Лаборатория Касперского»",
      "Kaspersky Lab JSC",
      "Kaspersky Laboratory AO",
      "AO Kaspersky Labs",
    ]) {
      expect(score(v, "AO Kaspersky Lab"), v).toBeGreaterThanOrEqual(0.95);
    }
    expect(score("ООО «Касперский Груп»", "OOO Kaspersky Group")).toBeGreaterThanOrEqual(0.9);
    expect(score("Group Kaspersky OOO", "OOO Kaspersky Group")).toBe(1);
  });
  it("keeps a typo of the brand in review and a different name out", () => {
    expect(bandOf(score("Kapersky Lab", "AO Kaspersky Lab"))).not.toBe("none");
    expect(score("Kaspersen Labs", "Kaspersky Labs Limited")).toBeLessThan(
      score("Kaspresky Labs", "Kaspersky Labs Limited"),
    );
    expect(bandOf(score("Kaspi Bank", "AO Kaspersky Lab"))).toBe("none");
    expect(bandOf(score("Casper Labs", "AO Kaspersky Lab"))).toBe("none");
  });
  it("explains the score: aligned tokens, how, and the rules that lowered it", () => {
    const r = scorePair("Kaspersky Lab UK Ltd", "Kaspersky Labs Limited");
    expect(r.detail!.pairs).toContainEqual({
      query: ["kaspersky"],
      candidate: ["kaspersky"],
      how: "exact",
      sim: 1,
    });
    expect(r.detail!.pairs.find((p) => p.query[0] === "lab")).toMatchObject({ how: "symbol", detail: "lab" });
    expect(r.detail!.unmatchedQuery).toEqual(["uk"]);
    expect(r.detail!.factors.map((f) => f.rule)).toContain("country named on one side only");
  });
  it("penalises numbers that differ", () => {
    const r = scorePair("Marrowgate Leasing 3 Ltd", "Marrowgate Leasing 6 Ltd");
    expect(r.detail!.factors.map((f) => f.rule)).toContain("numbers differ");
    expect(r.score).toBeLessThan(score("Marrowgate Leasing 3 Ltd", "Marrowgate Leasing Three Limited"));
  });
  it("needs a distinctive word: generic words alone do not match", () => {
    const r = scorePair("Varsk Global Trading LLC", "Tollmere Global Trading LLC");
    expect(r.band).toBe("none");
    expect(r.detail!.factors.map((f) => f.rule)).toContain("no distinctive word aligned");
  });
  it("does not take two dictionary words for typos of each other", () => {
    expect(score("Castellan Agro Exports Pvt. Ltd.", "Castellan Agro Imports Pvt. Ltd.")).toBeLessThan(0.8);
  });
  it("lowers legal forms of different countries for the same name", () => {
    const r = scorePair("Korvessa Industrial GmbH", "Korvessa Industrial Sdn. Bhd.");
    expect(r.detail!.factors[0]!.rule).toBe("legal forms of different countries");
    expect(score("Siemens AG", "Siemens Aktiengesellschaft")).toBe(1);
  });
  it("handles spacing and merged words", () => {
    expect(score("SiemensAG", "Siemens AG")).toBeGreaterThanOrEqual(0.95);
    expect(score("Goodwill Company", "Good Will Company")).toBeGreaterThanOrEqual(0.9);
  });
  it("is deterministic", () => {
    expect(scorePair("Kasprsky Lab JSC", "AO Kaspersky Lab")).toEqual(
      scorePair("Kasprsky Lab JSC", "AO Kaspersky Lab"),
    );
  });
});
