import { describe, expect, it } from "vitest";
import tables from "../tables/name-tables.json" with { type: "json" };
import { analyseName } from "./analyze.js";
import { splitName } from "./annotations.js";
import { foldText } from "./fold.js";
import { compileTables, type RawTables } from "./phrase-tokens.js";
import { placeOf } from "./places.js";
import { skeleton } from "./skeleton.js";
import { tokenise } from "./tokens.js";
import { romanise } from "./translit.js";

const texts = (name: string) => analyseName(name).map((f) => f.key);

describe("folding", () => {
  it("folds case, Latin diacritics, ligatures, quotes and possessives", () => {
    expect(foldText("Société Générale")).toBe("societe generale");
    expect(foldText("Łączyńska Straße")).toBe("laczynska strasse");
    expect(foldText("Deutsche Bank's AG")).toBe("deutsche bank ag");
    expect(foldText("O'Doyle")).toBe("odoyle");
  });
  it("folds Cyrillic homoglyphs inside Latin words and the reverse", () => {
    expect(foldText("Kаspersky Lаb")).toBe("kaspersky lab"); // Cyrillic а
    expect(foldText("Лабоpатория")).toBe("лаборатория"); // Latin p
  });
  it("keeps й and ё for transliteration", () => {
    expect(foldText("Йошкар-Ола ёлка")).toBe("йошкар-ола ёлка");
  });
});

describe("transliteration", () => {
  it("romanises Cyrillic under BGN/PCGN, ICAO 9303, GOST 7.79 and the press style", () => {
    const r = Object.fromEntries(romanise(foldText("Касперский Евгений")).map((x) => [x.scheme, x.text]));
    expect(r["bgn-pcgn"]).toBe("kasperskiy yevgeniy");
    expect(r["icao-9303"]).toBe("kasperskii evgenii");
    expect(r["gost-7.79"]).toBe("kasperskij evgenij");
    expect(r.wikipedia).toBe("kaspersky yevgeny");
  });
  it("uses the Ukrainian national system when Ukrainian letters appear", () => {
    const schemes = romanise(foldText("Лабораторія Касперського")).map((x) => x.scheme);
    expect(schemes[0]).toBe("ukrainian-2010");
  });
  it("romanises Georgian, Armenian and Greek", () => {
    expect(romanise(foldText("კვინიკაძე"))[0]?.text).toBe("kvinikadze");
    expect(romanise(foldText("Ծատուրյան"))[0]?.text).toBe("tsaturyan");
    expect(romanise(foldText("Ουρανός"))[0]?.text).toBe("ouranos");
  });
});

describe("legal forms", () => {
  it.each([
    ["AO Kaspersky Lab", "AO"],
    ["АО «Лаборатория Касперского»", "AO"],
    ["Акционерное общество «Лаборатория Касперского»", "AO"],
    ["Kaspersky Lab JSC", "JSC"],
    ["Joint Stock Company Kaspersky Lab", "JSC"],
    ["OOO Kaspersky Group", "OOO"],
    ["ООО «Касперский Груп»", "OOO"],
    ["Obshchestvo s ogranichennoy otvetstvennostyu Kaspersky Group", "OOO"],
    ["Kaspersky Lab ZAO", "ZAO"],
    ["Kaspersky Labs Limited", "Ltd"],
    ["Kaspersky Labs Ltd.", "Ltd"],
    ["Kaspersky Group LLC", "LLC"],
  ])("takes %s apart and keeps %s as a side feature", (name, compare) => {
    const form = analyseName(name)[0]!;
    expect(form.legalForms.map((f) => f.compare)).toContain(compare);
    expect(form.tokens.map((t) => t.text)).toContain("kaspersk");
    expect(form.tokens.some((t) => /^(ao|ooo|jsc|ltd|limited|llc|zao)$/.test(t.text))).toBe(false);
  });
  it("recognises a multi-word legal form with one typo, and not a short word", () => {
    for (const n of [
      "LIMITD LIABILITY COMPANY ROMASHKA",
      "JOINT STOCK COMPAYN ROMASHKA",
      "ROMASHKA LIMITED LIABILTY COMPANY",
    ]) {
      expect(
        analyseName(n)[0]!.tokens.map((t) => t.text),
        n,
      ).toEqual(["romashka"]);
    }
    expect(analyseName("JOINT STACK ROMASHKA")[0]!.tokens.map((t) => t.text)).toContain("stack");
  });
  it("takes off a one-word legal form misspelt once, and not a word two edits away", () => {
    expect(texts("WHITELEAVE HOLDINGS LIMITTED")).toEqual(texts("WHITELEAVE HOLDINGS LIMITED"));
    expect(analyseName("KAMAZ INCORPORATEDD")[0]!.legalForms.map((f) => f.compare)).toEqual(["Inc"]);
    // "company" is two edits from the Spanish "compania": a word of the name, not a legal form.
    expect(analyseName("SKY TRADE COMPANY")[0]!.tokens.map((t) => t.text)).toContain("company");
  });
  it("takes off a short legal form followed only by business words, and keeps it inside a name", () => {
    expect(texts("GEFESD LTD Trading")).toEqual(["gefesd trading"]);
    expect(texts("Alpha SA Trading")).toEqual(["alpha trading"]);
    expect(texts("Alpha SA Romashka Trading")).toEqual(["alpha sa romashka trading"]);
  });
  it("knows the English renderings of Russian state enterprises and Armenian forms", () => {
    expect(texts("FSUE Rosmorport")).toEqual(texts("ФГУП «Росморпорт»"));
    expect(analyseName("Ծատուրյան Շին ՍՊԸ")[0]!.legalForms.map((f) => f.generic)).toEqual(["LLC"]);
  });
  it("never empties a name made only of a legal form", () => {
    expect(texts("Limited")).toEqual(["limited"]);
  });
  it("keeps Roman numerals that the table lists as a legal form", () => {
    expect(analyseName("Sino Iron II")[0]!.tokens.map((t) => t.text)).toEqual(["sino", "iron", "2"]);
  });
});

describe("words", () => {
  it("drops Russian adjective endings under every romanisation (Касперского → kaspersk)", () => {
    for (const n of ["Касперского", "Kasperskiy", "Kasperskij", "Kasperskii", "Kaspersky", "Kasperskogo"]) {
      expect(analyseName(n).map((f) => f.key)).toContain("kaspersk");
    }
  });
  it("maps lab, laboratory, laboratoriya and лаборатория to one symbol", () => {
    const symbols = ["Lab", "Laboratory", "Laboratoriya", "Лаборатория", "Labs"].map(
      (n) => analyseName(n)[0]!.tokens[0]!.symbol,
    );
    expect(new Set(symbols)).toEqual(new Set(["lab"]));
  });
  it("turns number words, ordinals and Roman numerals into digits", () => {
    expect(texts("Brigade Forty-Four")).toEqual(["brigade 44"]);
    expect(texts("Brigade Forty 4")).toEqual(["brigade 44"]);
    expect(texts("1st International Bank")).toEqual(texts("First International Bank"));
  });
  it("joins initials however they are written", () => {
    expect(texts("A.B.C. Company")).toEqual(texts("ABC Company"));
    expect(texts("N. K. Bansal")).toEqual(texts("NK Bansal"));
  });
  it("reads a table phrase with one word misspelt as the phrase", () => {
    const t = analyseName("Research and Produtcion Association Transcom")[0]!.tokens;
    expect(t[0]!.symbols).toEqual(analyseName("Research and Production Association")[0]!.tokens[0]!.symbols);
    expect(t.map((x) => x.text)).toEqual(["researchandprodutcionassociation", "transcom"]);
  });
  it("keeps every symbol group of a word that has several", () => {
    const corp = analyseName("Corporation X")[0]!.tokens[0]!;
    expect(corp.symbols).toEqual(expect.arrayContaining(["co", "corp"]));
    expect(analyseName("Корпорация X")[0]!.tokens[0]!.symbols).toContain("corp");
  });
  it("turns a percent sign into a word, and joins initials around & or and", () => {
    expect(tokenise("3%ers")).toEqual(["3", "percent", "ers"]);
    expect(tokenise("p&g")).toEqual(["pg"]);
    expect(tokenise("h and m hennes")).toEqual(["hm", "hennes"]);
    expect(tokenise("at and t")).toEqual(["at", "and", "t"]);
  });
  it("reads a web domain's ending as a stopword, not as commerce or a country", () => {
    expect(texts("Amazon.com, Inc.")).toEqual(texts("Amazon.com Inc"));
    const t = analyseName("Amazon.com, Inc.")[0]!.tokens;
    expect(t.map((x) => [x.text, x.kind])).toEqual([
      ["amazon", "word"],
      ["com", "stop"],
    ]);
    expect(t[1]!.surface).toBe(".com");
    const kz = analyseName("Kaspi.kz JSC")[0]!.tokens[1]!;
    expect(kz.kind).toBe("stop");
    expect(kz.place).toBeUndefined();
    expect(analyseName("Tesco.co.uk")[0]!.tokens.map((x) => x.text)).toEqual(["tesco", "uk"]);
    // Only an ending joined by a dot to a word of two letters or more: initials and words stay.
    expect(texts("S.A.de C.V.")).toEqual(texts("SA de CV"));
    expect(analyseName("Yandex.Taxi")[0]!.tokens.map((x) => x.kind)).toEqual(["word", "word"]);
    expect(analyseName("Trans Com Ltd")[0]!.tokens[1]!.symbol).toBe("commerce");
  });
  it("collapses doubled letters before other skeleton rules", () => {
    expect(skeleton("exxon")).toBe(skeleton("exon"));
    expect(skeleton("kholmogrant")).toBe(skeleton("holmogrant"));
  });
  it("knows countries by name, national adjective and stemmed Russian adjective", () => {
    expect(placeOf("senegal")).toBe("SN");
    expect(placeOf("deutsche")).toBe("DE");
    expect(placeOf("rossiysk")).toBe("RU");
    expect(placeOf("rossiisk")).toBe("RU");
    expect(placeOf("rossijsk")).toBe("RU");
    expect(placeOf("kaspersk")).toBeUndefined();
    // "Polska" loses "a" as if it were an adjective ending; the written word is still the country.
    expect(analyseName("Olvetra Polska")[0]!.tokens[1]!.place).toBe("PL");
    expect(analyseName("Белорусская железная дорога")[0]!.tokens[0]!.place).toBe("BY");
  });
  it("makes the country the distinctive word of a name with nothing else (Bank of China)", () => {
    const china = analyseName("Bank of China")[0]!.tokens.find((t) => t.place)!;
    expect(china.distinctive).toBe(true);
    const swiss = analyseName("Kaspersky Lab Switzerland")[0]!.tokens.find((t) => t.place)!;
    expect(swiss.distinctive).toBe(false);
  });
  it("marks countries as qualifiers, not distinctive words", () => {
    const t = analyseName("Kaspersky Lab Switzerland")[0]!.tokens.find((x) => x.text === "switzerland")!;
    expect(t.place).toBe("CH");
    expect(t.distinctive).toBe(false);
  });
});

describe("annotations", () => {
  it("splits list aliases and former names", () => {
    expect(splitName("BANCO NACIONAL DE CUBA (a.k.a. BNC; f.k.a. Banco X)")).toMatchObject({
      primary: "BANCO NACIONAL DE CUBA",
      aliases: [
        { name: "BNC", how: "a.k.a." },
        { name: "Banco X", how: "f.k.a." },
      ],
    });
    expect(splitName("Ocean Pioneer (ex-Cape Diamond)").aliases).toEqual([
      { name: "Cape Diamond", how: "ex-" },
    ]);
  });
  it("strips labels, branches, care-of and street addresses, and says so", () => {
    const s = splitName("BENEFICIARY: Kisumu Motors Ltd (Kakamega Branch)");
    expect(s.primary).toBe("Kisumu Motors Ltd");
    expect(s.removed).toEqual(['label "BENEFICIARY:"', 'branch "Kakamega Branch"']);
    expect(splitName("Tidewell Inc, 12250 Brevard Ln, Pasadena TX").primary).toBe("Tidewell Inc");
    expect(splitName("Rancho SA de CV c/o Aduanas Pedraza").primary).toBe("Rancho SA de CV");
  });
  it("leaves ordinary names alone", () => {
    expect(splitName("AO Kaspersky Lab")).toEqual({ primary: "AO Kaspersky Lab", aliases: [], removed: [] });
  });
});

describe("name tables", () => {
  it("stores exactly what the code compiles (regenerate with bench/screening/build-name-tables.ts)", () => {
    const stored = (tables as unknown as { compiled: unknown }).compiled;
    expect(stored).toEqual(compileTables(tables as unknown as RawTables));
  });
});
