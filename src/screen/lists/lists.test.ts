import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sharedFile } from "../../../test/shared.js";
import { loadCatalog } from "../../catalog/load.js";
import { partiesFromEntities } from "./catalog-entities.js";
import { readCslCsv, readCslJson } from "./csl.js";
import { sourceCode, websiteDomain } from "./party.js";
import { readListFiles, sniffListFormat } from "./read-list.js";

const fx = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", name);

describe("CSL CSV", () => {
  const r = readCslCsv(readFileSync(fx("csl-small.csv"), "utf8"), "csl-small.csv");
  it("reads every good record and reports the bad one with its line", () => {
    expect(r.parties.map((p) => p.key)).toEqual([
      "EL:el-kl-1",
      "EL:el-kg-1",
      "EL:el-kll-1",
      "SDN:9001",
      "SDN:9002",
    ]);
    expect(r.issues).toEqual([expect.objectContaining({ code: "csl-bad-record", line: 7, record: 6 })]);
  });
  it("keeps the legal basis of Entity List rows", () => {
    expect(r.parties[0]).toMatchObject({
      sourceCode: "EL",
      frNotice: "89 FR 52362",
      startDate: "2024-06-24",
      licensePolicy: "Presumption of denial.",
    });
  });
  it("splits '; ' multi-values: aliases, addresses with countries, ids and websites", () => {
    const p = r.parties[3]!;
    expect(p.names.map((n) => n.kind)).toEqual(["primary", "alias", "alias"]);
    expect(p.addresses).toEqual([
      { text: "12 Example Street, Moscow, 101000", country: "RU" },
      { text: "Bashnya 3, St. Petersburg, 190000", country: "RU" },
    ]);
    expect(p.ids).toEqual([{ type: "Tax ID No.", value: "7700000001", country: "RU" }]);
    expect(p.websites).toEqual(["northwind-th.example"]);
    expect(r.parties[4]!.countries).toEqual(["RU"]);
  });
});

describe("CSL JSON", () => {
  const r = readCslJson(readFileSync(fx("csl-small.json"), "utf8"), "csl-small.json");
  it("reads the {results: [...]} wrapper, arrays and address objects", () => {
    expect(r.parties).toHaveLength(2);
    expect(r.parties[0]).toMatchObject({
      key: "MEU:json-1",
      names: [
        { name: "Aurora Instrument Plant JSC", kind: "primary" },
        { name: "Avrora Priborny Zavod", kind: "alias" },
      ],
      countries: ["RU"],
      websites: ["aurora-plant.example"],
    });
    expect(r.parties[1]!.sourceCode).toBe("MBS");
    expect(r.issues).toEqual([expect.objectContaining({ record: 3, code: "csl-bad-record" })]);
  });
  it("reports a file that is not JSON instead of throwing", () => {
    expect(readCslJson("{ nope", "x.json").issues[0]!.code).toBe("csl-bad-json");
  });
});

describe("OFAC SDN files", () => {
  const snap = readListFiles([fx("alt.csv"), fx("sdn.csv"), fx("add.csv")]);
  it("recognises sdn, alt and add files by content", () => {
    expect(snap.files.map((f) => f.format)).toEqual(["sdn-alt", "sdn", "sdn-add"]);
  });
  it("reads remarks (a.k.a., website, registration) and attaches alt and add rows", () => {
    const bank = snap.parties.find((p) => p.key === "SDN:306")!;
    expect(bank.names).toEqual([
      { name: "BANCO NACIONAL DE PRUEBA", kind: "primary" },
      { name: "BNP-TEST", kind: "a.k.a." },
      { name: "BANCO NACIONAL DE ENSAYO", kind: "fka" },
    ]);
    expect(bank.websites).toEqual(["bnp-test.example"]);
    expect(bank.ids).toEqual([{ type: "Registration ID", value: "1234567", country: "CU" }]);
    expect(bank.addresses).toEqual([{ text: "Calle 1 No. 2, Havana", country: "CU" }]);
    expect(snap.parties.find((p) => p.key === "SDN:7001")).toMatchObject({
      type: "Individual",
      programs: ["RUSSIA-EO14024"],
      countries: ["RU"],
    });
  });
  it("reports alt rows for entities the sdn file lacks", () => {
    expect(snap.issues).toEqual([
      expect.objectContaining({ code: "sdn-orphan", file: fx("alt.csv"), line: 3 }),
    ]);
  });
});

describe("sources and helpers", () => {
  it("derives source codes", () => {
    expect(sourceCode("Entity List (EL) - Bureau of Industry and Security")).toBe("EL");
    expect(sourceCode("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department")).toBe("MBS");
  });
  it("extracts web domains", () => {
    expect(websiteDomain("https://www.kaspersky.com/about")).toBe("kaspersky.com");
    expect(websiteDomain("not a site")).toBeUndefined();
  });
  it("sniffs list formats, not names", () => {
    expect(sniffListFormat("[{}]")).toBe("csl-json");
    expect(sniffListFormat("hello,world\n1,2")).toBeUndefined();
  });
  it("turns the catalogue's entities into parties with their legal basis", () => {
    const catalog = loadCatalog();
    const parties = partiesFromEntities(catalog.entities, catalog.vendor.name);
    const ao = parties.find((p) => p.key === "OFFRAMP:ao-kaspersky-lab")!;
    expect(ao.names.map((n) => n.name)).toContain("Лаборатория Касперского");
    expect(ao.listings?.[0]).toMatchObject({
      list: "BIS Entity List",
      citation: expect.stringContaining("89 FR 52362"),
    });
  });
});

describe("real list snapshots", () => {
  it("reads the 13-row CSL sample, one party per source row", () => {
    const path = sharedFile("data", "csl", "csl-consolidated-sample-13rows.csv");
    if (!path) return;
    const snap = readListFiles([path]);
    expect(snap.issues).toEqual([]);
    expect(snap.parties).toHaveLength(13);
    expect(new Set(snap.parties.map((p) => p.sourceCode))).toEqual(
      new Set(["ISN", "UVL", "MEU", "PLC", "SDN", "DTC", "DPL", "SSI", "FSE", "EL"]),
    );
  });
  it("reads the truncated 2023 CSL, its repeated header skipped and the cut record reported", () => {
    const path = sharedFile("data", "csl", "csl-consolidated-2023-11-30-partial.csv");
    if (!path) return;
    const snap = readListFiles([path]);
    expect(snap.files[0]!.bySource).toMatchObject({ SDN: 1738, EL: 919, DPL: 577, SSI: 288 });
    expect(snap.issues.map((i) => i.code)).toEqual(["csl-short-record"]);
  });
  it("reads the full SDN file of 2024-05-03 with its aliases from remarks", () => {
    const path = sharedFile("data", "ofac", "sdn-2024-05-03.csv");
    if (!path) return;
    const snap = readListFiles([path]);
    expect(snap.parties).toHaveLength(14965);
    expect(snap.issues).toEqual([]);
    expect(snap.parties.find((p) => p.key === "SDN:306")!.names.map((n) => n.name)).toContain("BNC");
  });
});

describe("parenthetical short forms in list names", () => {
  it("become aliases beside the full name", async () => {
    const { withParentheticals } = await import("./csl.js");
    const names = withParentheticals([
      {
        name: "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)",
        kind: "primary",
      },
    ]);
    expect(names.map((n) => n.name)).toEqual([
      "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)",
      "China Electronics Technology Group Corporation 13th Research Institute",
      "CETC 13",
    ]);
    expect(withParentheticals([{ name: "X OOO (a.k.a. Y)", kind: "primary" }])).toHaveLength(1);
  });
});
