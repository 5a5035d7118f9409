import { dirname, join } from "node:path";
import { domainToASCII, fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load.js";
import { explainResult } from "./explain.js";
import { familyRuleFromCatalog } from "./family-rule.js";
import { partiesFromEntities } from "./lists/catalog-entities.js";
import { readListFiles } from "./lists/read-list.js";
import { screenParties } from "./parties.js";
import { Screener } from "./screener.js";

const fx = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "fixtures", name);
const catalog = loadCatalog();
const snap = readListFiles([
  fx("csl-small.csv"),
  fx("csl-small.json"),
  fx("sdn.csv"),
  fx("alt.csv"),
  fx("add.csv"),
]);
const screener = new Screener(
  [...partiesFromEntities(catalog.entities, catalog.vendor.name), ...snap.parties],
  {
    familyRule: familyRuleFromCatalog(catalog),
  },
);

describe("screening against lists and the catalogue", () => {
  it.each([
    "АО «Лаборатория Касперского»",
    "Kaspersky Lab JSC",
    "Kaspersky Labs Ltd",
    "OOO Kaspersky Group",
    "Kasperskiy Lab",
    "Kapersky Lab",
    "Kaspresky Labs Limited",
    "Kаspersky Lаb",
  ])("%s is at least review", (name) => {
    expect(screener.screen({ name }).band).not.toBe("none");
  });

  it("reports every source hit: the Entity List row and the catalogue entity", () => {
    const r = screener.screen({ name: "AO Kaspersky Lab" });
    expect(r.band).toBe("match");
    expect(r.hits.map((h) => h.party.key)).toEqual(
      expect.arrayContaining(["EL:el-kl-1", "OFFRAMP:ao-kaspersky-lab"]),
    );
    const el = r.hits.find((h) => h.party.key === "EL:el-kl-1")!;
    expect(el.party).toMatchObject({ frNotice: "89 FR 52362", startDate: "2024-06-24" });
  });

  it.each(["Kaspi Bank JSC", "Casper Labs AG", "Jasper Group", "Acme Lab Ltd", "Kasparov Consulting GmbH"])(
    "%s is none",
    (name) => {
      expect(screener.screen({ name }).band).toBe("none");
    },
  );

  it("explains which entry and alias, which tokens, what was stripped, which romanisation", () => {
    const r = screener.screen({ name: "ООО «Касперский Груп»", country: "RU" });
    const hit = r.hits.find((h) => h.party.key === "OFFRAMP:ooo-kaspersky-group") ?? r.hits[0]!;
    expect(hit.legalForms.query).toContain("OOO");
    expect(hit.querySchemes).not.toBe("latin");
    expect(hit.nameScore.pairs.some((p) => p.candidate.includes("kaspersky"))).toBe(true);
    expect(hit.qualifiers).toContainEqual(expect.objectContaining({ rule: "country agrees" }));
    const text = explainResult(r);
    expect(text).toContain("romanised");
    expect(text).toContain("legal forms set aside");
  });

  it("explains a rule that caps the score at review", () => {
    const r = screener.screen({ name: "Kaspersky Lab Trading" });
    const text = explainResult(r);
    expect(r.band).toBe("review");
    expect(text).toContain("business words on one side only (trading) ≤0.7");
  });

  it("matches inline a.k.a. aliases and names the alias", () => {
    const r = screener.screen({ name: "Severny Veter Torgovy Dom" });
    expect(r.hits[0]).toMatchObject({
      listName: "SEVERNY VETER TORGOVY DOM",
      listNameKind: "a.k.a.",
      party: { key: "SDN:9001" },
    });
  });

  it("lowers the score for a contradicting country and uses identifiers and websites as strong evidence", () => {
    const plain = screener.screen({ name: "Northwind Trading House" }).score;
    const elsewhere = screener.screen({ name: "Northwind Trading House", country: "US" });
    expect(elsewhere.score).toBeLessThan(plain);
    expect(elsewhere.hits[0]!.qualifiers[0]).toMatchObject({ rule: "country mismatch" });
    const byId = screener.screen({ name: "Totally Different Name", ids: ["7700000001"] });
    expect(byId.hits[0]).toMatchObject({ band: "match", party: { key: "SDN:9001" } });
    const bySite = screener.screen({ name: "Someone", websites: ["https://shop.northwind-th.example/x"] });
    expect(bySite.hits[0]!.qualifiers).toContainEqual(expect.objectContaining({ rule: "website equal" }));
  });
});

describe("the Kaspersky family rule", () => {
  it("lifts any name, domain or certificate subject carrying the stem to review, with the ICTS basis", () => {
    const r = screener.screen({ name: "Kaspersky Lab Australia Pty Ltd" });
    expect(r.band).not.toBe("none");
    expect(r.family?.basis.map((b) => b.citation).join(" ")).toContain("89 FR 52434");
    const dom = screener.screen({ name: "Unknown Reseller", websites: [domainToASCII("касперский.рф")] });
    expect(dom.family).toMatchObject({ field: "domain", value: domainToASCII("касперский.рф") });
    const cert = screener.screen({
      name: "Contoso",
      also: [{ value: "CN=AO Kaspersky Lab, O=AO Kaspersky Lab, C=RU", field: "certificate" }],
    });
    expect(cert.band).toBe("review");
    expect(screener.screen({ name: "Kasparov Chess Labs" }).family).toBeUndefined();
  });
});

describe("screenParties (scan integration)", () => {
  it("screens each publisher once, merges hosts, and returns only what needs attention", () => {
    const out = screenParties(
      [
        { name: "AO Kaspersky Lab", hosts: ["pc-2", "pc-1"] },
        { name: "Microsoft Corporation", hosts: ["pc-1"] },
        { name: "AO Kaspersky Lab", hosts: ["pc-3", "pc-1"] },
        { name: "Kaspersky Lab Switzerland GmbH", hosts: ["mac-1"], field: "certificate" },
      ],
      screener,
    );
    expect(out.map((p) => [p.name, p.band, p.hosts])).toEqual([
      ["AO Kaspersky Lab", "match", ["pc-1", "pc-2", "pc-3"]],
      ["Kaspersky Lab Switzerland GmbH", "match", ["mac-1"]],
    ]);
    expect(out[0]!.hits[0]!.basis).toContain("89 FR 52362");
    expect(out[1]!.family).toContain("certificate");
  });
});

describe("buildScreener", () => {
  it("falls back to the catalogue entities when no list is cached, and says so", async () => {
    const { buildScreener } = await import("./build.js");
    const built = buildScreener({ catalog, cacheDir: "/nonexistent/offramp-lists" });
    expect(built.note).toContain("offramp lists update");
    expect(built.screener.screen({ name: "AO Kaspersky Lab" }).band).toBe("match");
    const withFile = buildScreener({ catalog, cacheDir: "/nonexistent", listFiles: [fx("csl-small.csv")] });
    expect(withFile.note).toBeUndefined();
    expect(withFile.screener.screen({ name: "Northwind Trading House OOO" }).band).toBe("match");
  });
});
