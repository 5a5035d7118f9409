import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../catalog/load.js";
import { EXPORTERS, findExporter } from "./index.js";
import { buildPlan, mayOverlap } from "./plan.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });
const rule = (id: string) => plan.inventory.find((r) => r.id === id);

describe("export plan", () => {
  it("exports product and shared signatures, never guards or not-covered products", () => {
    const ids = new Set(plan.inventory.map((r) => r.id));
    for (const p of catalog.products.values())
      for (const s of p.signatures) expect(ids.has(s.id), s.id).toBe(p.scope !== "not-covered");
    for (const s of catalog.shared) expect(ids.has(s.id), s.id).toBe(true);
    for (const g of catalog.guards) for (const s of g.signatures) expect(ids.has(s.id), s.id).toBe(false);
  });

  it("tiers and confidence follow the product: exempt, indicator, capped OEMs low", () => {
    expect(rule("kti.name")?.tier).toBe("exempt");
    expect(rule("ultraav.name")).toMatchObject({ tier: "indicator", low: true });
    expect(rule("zonealarm.name")).toMatchObject({ low: true, era: "2007–2018" });
    expect(rule("kes-win.name")).toMatchObject({ tier: "covered", low: false });
    expect(rule("vendor.process-console")?.low).toBe(true);
  });

  it("attaches guards and exempt products as exclusions only where one value could match both", () => {
    expect(rule("powered-by.name")!.exclusions.map((e) => e.id)).toContain("guard.pango-name");
    expect(
      rule("vendor.name-brand")!
        .exclusions.map((e) => e.id)
        .sort(),
    ).toEqual(["kti.name", "ktraining.name"]);
    // a product rule yields to nothing: an exempt name does not silence it
    expect(rule("kes-win.name")!.exclusions).toEqual([]);
    expect(rule("vendor.publisher")!.exclusions).toEqual([]);
  });

  it("mayOverlap is certain when it says no", () => {
    const sw = (v: string[]) => ({ field: "name" as const, match: "starts-with-words" as const, values: v });
    expect(mayOverlap(sw(["Kaspersky"]), sw(["Hotspot Shield"]))).toBe(false);
    expect(mayOverlap(sw(["Kaspersky"]), sw(["Kaspersky Security Training"]))).toBe(true);
    expect(
      mayOverlap(sw(["Kaspersky"]), { field: "name", match: "words", values: ["Powered by Kaspersky"] }),
    ).toBe(true);
    expect(
      mayOverlap(
        { field: "package", match: "equals", values: ["kesl"] },
        { field: "package", match: "prefix", values: ["com.kaspersky.kaspresso"] },
      ),
    ).toBe(false);
    expect(
      mayOverlap(
        { field: "package", match: "prefix", values: ["com.kav"] },
        { field: "package", match: "prefix", values: ["com.kavsdk."] },
      ),
    ).toBe(true);
    expect(
      mayOverlap(
        { field: "name", match: "glob", values: ["kaspersky security*for windows server*"] },
        sw(["Kaspersky Security Training"]),
      ),
    ).toBe(true);
    expect(
      mayOverlap({ field: "name", match: "glob", values: ["clearswift secure*"] }, sw(["Hotspot Shield"])),
    ).toBe(false);
  });

  it("leaves low-confidence rows out when asked, and says which", () => {
    const strict = buildPlan(catalog, { includeLow: false });
    expect(strict.inventory.some((r) => r.low)).toBe(false);
    expect(strict.hosts.some((r) => r.low)).toBe(false);
    expect(strict.leftOut).toEqual(
      expect.arrayContaining(plan.inventory.filter((r) => r.low).map((r) => r.id)),
    );
    expect(strict.leftOut).toEqual([...strict.leftOut].sort());
  });

  it("filters host indicators by signal", () => {
    const p = buildPlan(catalog, { includeLow: true, signals: ["ksn"] });
    expect(new Set(p.hosts.map((h) => h.signal))).toEqual(new Set(["ksn"]));
  });
});

describe("export targets", () => {
  it("have unique ids and files, and every output opens with the catalogue version and digest", () => {
    expect(new Set(EXPORTERS.map((e) => e.id)).size).toBe(EXPORTERS.length);
    expect(new Set(EXPORTERS.map((e) => e.file)).size).toBe(EXPORTERS.length);
    for (const e of EXPORTERS) {
      const text = e.render(plan);
      expect(text.slice(0, 2000), e.id).toContain(`${catalog.manifest.name} ${catalog.manifest.version}`);
      expect(text.slice(0, 2000), e.id).toContain(catalog.digest);
      expect(text.endsWith("\n"), e.id).toBe(true);
      expect(findExporter(e.id)).toBe(e);
    }
    expect(findExporter("nope")).toBeUndefined();
  });
});
