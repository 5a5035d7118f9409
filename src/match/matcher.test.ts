import { describe, expect, it } from "vitest";
import { productsByHost, scan } from "../../test/scan-helpers.js";
import { loadCatalog } from "../catalog/load.js";
import { Matcher, yearOf } from "./matcher.js";

const matcher = new Matcher(loadCatalog());

describe("matcher", () => {
  it("lets every glob and regex rule's own example through the pre-filter", () => {
    for (const rule of matcher.rules) {
      const sig = rule.compiled.signature;
      if (sig.match !== "glob") continue;
      for (const value of sig.values) {
        const example = value.replace(/\*/g, "x");
        expect(matcher.prefilter.test(example), `${sig.id} "${example}"`).toBe(true);
        expect(matcher.scanner.test(example), `${sig.id} "${example}" (automaton)`).toBe(true);
      }
    }
  });

  it("reads install years in the forms inventories write", () => {
    expect(yearOf("20120105")).toBe(2012);
    expect(yearOf("2012-01-05T10:00:00Z")).toBe(2012);
    expect(yearOf("1/5/2012 12:00:00 AM")).toBe(2012);
    expect(yearOf("05.01.2012")).toBe(2012);
    expect(yearOf("3/7/11 10:30 PM")).toBeUndefined();
    expect(yearOf("")).toBeUndefined();
  });

  it("keeps a ZoneAlarm installed inside its Kaspersky years, whatever the date format", async () => {
    const data =
      "host,name,publisher,installdate\nza-1,ZoneAlarm Antivirus,Check Point,1/5/2012 12:00:00 AM\nza-2,ZoneAlarm Antivirus,Check Point,20210301\n";
    const r = await scan([{ name: "za.csv", data }]);
    expect(productsByHost(r)).toEqual({ "za-1": ["zonealarm-kaspersky-engine"] });
    expect(r.findings[0]!.confidence).toBe("possible");
    expect(r.suppressed.map((s) => s.host)).toEqual(["za-2"]);
  });

  it("joins vendor-wide evidence to the product a shared rule resolved to on the same host", async () => {
    const data = "host,service,driver,name\nfs-1,KAVFS,,Kaspersky Security Service\nfs-1,,klif.sys,klif\n";
    const r = await scan([{ name: "svc.csv", data }], {
      format: "csv-inventory",
      importOptions: { map: { service: "service", driver: "driver", name: "name" } },
    });
    expect(productsByHost(r)).toEqual({ "fs-1": ["kaspersky-security-windows-server"] });
    expect(r.findings[0]!.evidence.map((e) => e.signature)).toContain("vendor.driver");
  });

  it("keeps both shared certificate rules as evidence (no shared rule pushes out another)", () => {
    const obs = {
      host: { name: "h" },
      kind: "certificate" as const,
      fields: { certificate: "CN=Kaspersky Anti-Virus Personal Root Certificate, O=AO Kaspersky Lab, C=RU" },
      origin: { format: "test", file: "t" },
    };
    const ids = matcher
      .match(obs)
      .hits.map((h) => h.rule.compiled.signature.id)
      .sort();
    expect(ids).toEqual(["vendor.certificate-interception-root", "vendor.certificate-org"]);
  });
});
