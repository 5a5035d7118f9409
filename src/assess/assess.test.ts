import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load.js";
import type { Finding } from "../model/finding.js";
import { assessFinding } from "./assess.js";
import { overallStatus } from "./severity.js";

const catalog = loadCatalog();

function finding(product: string, over: Partial<Finding> = {}): Finding {
  const p = catalog.products.get(product)!;
  return {
    id: "x",
    host: "laptop-01.corp.example",
    vendor: "kaspersky",
    product,
    productName: p.name,
    kind: p.kind,
    scope: p.scope,
    class: "installed",
    confidence: "confirmed",
    basis: "",
    firstSeen: null,
    lastSeen: null,
    evidence: [],
    assessments: [],
    ...over,
  };
}

function assess(f: Finding, asOf: string, profiles: string[], platforms: string[] = []) {
  return assessFinding(f, {
    regimes: catalog.regimes.regimes,
    profiles,
    asOf,
    products: catalog.products,
    hostPlatforms: new Map([[f.host, platforms]]),
  });
}

const kes = finding("kaspersky-endpoint-security-windows");

describe("assessment: the worked expectations", () => {
  it("KES on a U.S. company laptop is winding-down on 2024-08-01, unsupported on 2024-11-15", () => {
    const aug = assess(kes, "2024-08-01", ["us-private"]);
    expect(aug.map((a) => [a.regime, a.status])).toEqual([["bis-icts-final-determination", "winding-down"]]);
    expect(aug[0]!.deadline).toBe("2024-09-29T00:00:00-04:00");
    expect(aug[0]!.citation).toContain("89 FR 52434");
    expect(aug[0]!.obligation).toContain("Kaspersky Endpoint Security for Windows");
    const nov = assess(kes, "2024-11-15", ["us-private"]);
    expect(nov.map((a) => a.status)).toEqual(["unsupported"]);
    expect(nov[0]!.deadline).toBeUndefined();
  });

  it("the same host under us-federal-agency is prohibited on both dates", () => {
    for (const date of ["2024-08-01", "2024-11-15"]) {
      const a = assess(kes, date, ["us-federal-agency"]);
      expect(overallStatus(a)).toBe("prohibited");
      expect(
        a
          .filter((x) => x.status === "prohibited")
          .map((x) => x.regime)
          .sort(),
      ).toEqual(["dhs-bod-17-01", "ndaa-fy2018-1634"]);
    }
  });

  it("under au-gov it is must-remove by 2025-04-01 on 2025-03-01 and prohibited on 2025-05-01", () => {
    const mar = assess(kes, "2025-03-01", ["au-gov"]);
    expect(mar.map((a) => [a.regime, a.status])).toEqual([["au-pspf-direction-002-2025", "must-remove"]]);
    expect(mar[0]!.deadline!.startsWith("2025-04-01")).toBe(true);
    expect(assess(kes, "2025-05-01", ["au-gov"]).map((a) => a.status)).toEqual(["prohibited"]);
    expect(assess(kes, "2025-01-15", ["au-gov"])).toEqual([]); // not yet issued
  });

  it("a Threat Intelligence Portal subscription is exempt", () => {
    const ti = finding("kaspersky-threat-intelligence");
    expect(assess(ti, "2024-11-15", ["us-private"]).map((a) => a.status)).toEqual(["exempt"]);
  });

  it("the Kaspresso test framework is not-covered", () => {
    const k = finding("kaspresso");
    expect(assess(k, "2024-11-15", ["us-private"]).map((a) => a.status)).toEqual(["not-covered"]);
  });
});

describe("assessment rules", () => {
  it("marks updates after the cut-off as prohibited transactions", () => {
    const f = { ...kes, class: "network" as const, updateAfterCutoff: true };
    const a = assess(f, "2024-11-15", ["us-private"]);
    expect(a[0]!.status).toBe("prohibited");
    expect(a[0]!.obligation).toMatch(/block that traffic/);
  });

  it("makes an integrated finding prohibited for resellers after the cut-off only", () => {
    const sdk = finding("kav-sdk", { class: "integrated" });
    expect(assess(sdk, "2024-07-01", ["us-reseller"])[0]!.status).toBe("winding-down");
    expect(assess(sdk, "2024-09-28", ["us-reseller"])[0]!.status).toBe("winding-down");
    expect(assess(sdk, "2024-09-29", ["us-reseller"])[0]!.status).toBe("prohibited");
    expect(assess(sdk, "2024-09-29", ["us-private"])[0]!.status).toBe("unsupported");
  });

  it("reads the cut-off as an instant: the evening before in New York is still before it", () => {
    expect(assess(kes, "2024-09-28T23:59:00-04:00", ["us-private"])[0]!.status).toBe("winding-down");
    expect(assess(kes, "2024-09-29T00:00:00-04:00", ["us-private"])[0]!.status).toBe("unsupported");
  });

  it("cites 15 CFR part 7 before 2025-02-04 and part 791 after", () => {
    expect(assess(kes, "2025-02-03", ["us-private"])[0]!.citation).toMatch(/part 7 \(/);
    expect(assess(kes, "2025-02-05", ["us-private"])[0]!.citation).toMatch(/part 791/);
  });

  it("gives federal contractors business-day reporting deadlines from discovery", () => {
    const f = { ...kes, firstSeen: "2024-11-26T15:00:00Z" };
    const a = assess(f, "2024-12-01", ["us-federal-contractor"]);
    const far = a.find((x) => x.regime === "far-52-204-23")!;
    expect(far.status).toBe("prohibited");
    expect(far.deadline).toBe("2024-12-02");
    expect(far.obligation).toContain("2024-12-11");
  });

  it("applies the Canadian ban only to mobile devices", () => {
    const kids = finding("kaspersky-safe-kids");
    expect(assess(kids, "2024-01-10", ["ca-gov"], ["ios"]).map((a) => a.status)).toEqual(["prohibited"]);
    expect(assess(kids, "2024-01-10", ["ca-gov"], ["windows"])).toEqual([]);
    expect(
      assess(finding("kaspersky-security-vpn-android"), "2024-01-10", ["ca-gov"]).map((a) => a.status),
    ).toEqual(["prohibited"]);
  });

  it("combines profiles and keeps one assessment per regime", () => {
    const a = assess(kes, "2024-11-15", ["us-private", "de", "us-federal-agency"]);
    expect(a.map((x) => x.regime).sort()).toEqual([
      "bis-icts-final-determination",
      "de-bsi-warning",
      "dhs-bod-17-01",
      "ndaa-fy2018-1634",
    ]);
    expect(a.find((x) => x.regime === "de-bsi-warning")!.status).toBe("advised-removal");
  });

  it("treats a historical finding as something to verify gone", () => {
    const h = finding("ultraav-after-kaspersky", { class: "historical" });
    const a = assess(h, "2024-11-15", ["us-private"]);
    expect(a.map((x) => x.status)).toEqual(["advised-removal"]);
    expect(a[0]!.obligation).toMatch(/confirm no Kaspersky/);
  });
});
