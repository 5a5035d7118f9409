import { describe, expect, it } from "vitest";
import { bandOf, THRESHOLDS } from "../bands.js";
import { scorePair } from "../pairs.js";
import { editBudget, editCost, fuzzySimilarity } from "./edit-cost.js";
import { DEFAULT_PARAMS, otherEnding } from "./name-score.js";

const score = (a: string, b: string) => scorePair(a, b).score;
const rules = (a: string, b: string) => scorePair(a, b).detail!.factors.map((f) => f.rule);

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
  it("never matches Han, kana or hangul fuzzily: one character is another word", () => {
    expect(fuzzySimilarity("株式会社青葉堂", "株式会社青山堂").sim).toBe(0);
    expect(fuzzySimilarity("박민수상사", "박민주상사").sim).toBe(0);
    expect(bandOf(score("東海繊維株式会社", "東山繊維株式会社"))).toBe("none");
    expect(score("株式会社青葉堂", "株式会社青葉堂")).toBe(1);
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
  it("takes a name with a web domain's ending for the name itself", () => {
    expect(bandOf(score("Amazon Inc.", "Amazon.com, Inc."))).toBe("match");
    expect(bandOf(score("Booking.com B.V.", "Booking B.V."))).toBe("match");
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
  it("aligns an acronym with the words it spells", () => {
    const r = scorePair("U.S. Department of State", "United States Department of State");
    expect(r.detail!.pairs).toContainEqual(expect.objectContaining({ how: "acronym", query: ["us"] }));
    expect(r.band).toBe("match");
    expect(bandOf(score("International Business Machines Corporation", "IBM Corp"))).toBe("match");
    expect(bandOf(score("Procter & Gamble", "P&G"))).toBe("match");
    expect(bandOf(score("International Business Machines", "IBX"))).toBe("none");
  });
  it("aligns an initial with the word it begins", () => {
    expect(scorePair("Qualizza R.", "Qualizza Renzo").detail!.pairs).toContainEqual(
      expect.objectContaining({ how: "initial", query: ["r"], candidate: ["renzo"] }),
    );
  });
  it("takes the country for the name when there is nothing else (Bank of China)", () => {
    expect(bandOf(score("Bank of Chima Limited", "Bank of China Limited"))).toBe("match");
    expect(bandOf(score("Bank of Japan", "Bank of China"))).toBe("none");
  });
  it("aligns two words for one country", () => {
    expect(score("Sberbank of Russia", "Sberbank Rossii")).toBeGreaterThan(0.9);
    expect(score("Deutsche Telekom", "German Telekom")).toBeGreaterThan(0.9);
    expect(score("Banco Santander Mexico", "Banco Santander Chile")).toBeLessThan(THRESHOLDS.review);
  });
  it("meets a word of several symbol groups in any of them (корпорация / corporation)", () => {
    expect(
      score("Объединённая судостроительная корпорация", "United Shipbuilding Corporation"),
    ).toBeGreaterThan(0.9);
  });
  it("keeps the Russian joint-stock forms and their English names together", () => {
    expect(bandOf(score("OAO Gazprom", "Open Joint Stock Company Gasprom"))).toBe("match");
  });
  it("lets a business word more make a review, never a match", () => {
    const r = scorePair("Deutsche Bank Trust Company", "Deutsche Bank");
    expect(r.detail!.factors.map((f) => f.rule)).toContain("business words on one side only");
    expect(r.band).toBe("review");
    expect(bandOf(score("Bahman Group Trading", "Bahman Group"))).toBe("review");
    expect(DEFAULT_PARAMS.extraBusinessCap).toBeLessThan(THRESHOLDS.match);
    expect(DEFAULT_PARAMS.extraBusinessCap).toBeGreaterThanOrEqual(THRESHOLDS.review);
  });
  it("lowers different business words more than different names", () => {
    expect(rules("China Construction Trust Corporation", "China Construction Bank Corporation")).toContain(
      "different business words",
    );
    expect(score("China Construction Trust Corporation", "China Construction Bank Corporation")).toBeLessThan(
      THRESHOLDS.match,
    );
  });
  it("treats a short word one letter off as nearer than another word", () => {
    expect(rules("Mercedes-Benn Group AG", "Mercedes-Benz Group AG")).toContain(
      "one word differs by one letter",
    );
    expect(score("Mercedes-Benn Group AG", "Mercedes-Benz Group AG")).toBeGreaterThan(
      score("Mercedes-Bont Group AG", "Mercedes-Benz Group AG"),
    );
  });
  it("takes a typo of a business word for that word, not for a distinctive one", () => {
    expect(rules("General Electrics Company", "General Electric Company")).not.toContain(
      "no distinctive word aligned",
    );
    expect(score("Exon Mobil Corporation", "Exxon Mobil Corporation")).toBeGreaterThan(0.9);
  });
  it("keeps two edits in a word's ending (another surname) below two edits inside it (a typo)", () => {
    expect(otherEnding("kaspersen", "kaspersky")).toBe(true);
    expect(otherEnding("trafalgura", "trafigura")).toBe(false);
    expect(rules("Kaspersen Labs", "Kaspersky Labs Limited")).toContain("two or more edits, another ending");
    expect(bandOf(score("Trafalgura Group Pte. Ltd.", "Trafigura Group Pte. Ltd."))).toBe("match");
    expect(bandOf(score("Kaspersen Labs", "Kaspersky Labs Limited"))).not.toBe("match");
  });
  it("lowers a number on one side only", () => {
    expect(rules("Bowne Global Solutions, Inc.", "Bowne Global Solutions II, Inc.")).toContain(
      "number on one side only",
    );
    expect(score("Bowne Global Solutions, Inc.", "Bowne Global Solutions II, Inc.")).toBeLessThan(0.8);
  });
  it("is deterministic", () => {
    expect(scorePair("Kasprsky Lab JSC", "AO Kaspersky Lab")).toEqual(
      scorePair("Kasprsky Lab JSC", "AO Kaspersky Lab"),
    );
  });
});
