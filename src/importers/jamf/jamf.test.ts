import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collect } from "../../../test/importer-harness.js";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { jamf } from "./index.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

describe("jamf", () => {
  it("reads the Pro API inventory: host by general.name, id by serial, .app stripped", async () => {
    const file = fx("pro-api-computers-inventory-section-applications.json");
    const r = await scanFile(file);
    expect(productsByHost(r)).toEqual({ "mac-fin-01": ["kaspersky-endpoint-security-mac"] });
    expect(r.findings[0]!.confidence).toBe("confirmed");
    expect(r.hosts.map((h) => [h.id, h.ids, h.platforms])).toEqual([
      ["mac-design-02", ["c02fixture13"], ["macos"]],
      ["mac-fin-01", ["c02fixture12"], ["macos"]],
    ]);
    expect(r.inputs[0]).toMatchObject({ format: "jamf", records: 4, issues: 0 });
    const c = await collect(jamf, { path: file });
    expect(c.observations[0]!.fields).toEqual({
      name: "Kaspersky Endpoint Security for Mac",
      path: "/Applications/Kaspersky Endpoint Security for Mac.app",
      version: "11.3.0",
      bundleId: "com.kaspersky.fixture-kes",
    });
  });

  it("reads the Classic API XML, entities decoded and versions kept as text", async () => {
    const file = fx("classic-api-computer-general-and-software.xml");
    const r = await scanFile(file);
    expect(productsByHost(r)).toEqual({ "mac-hr-07": ["kaspersky-safe-kids"] });
    expect(r.hosts[0]!.ids).toEqual(["c02fixture07"]);
    const c = await collect(jamf, { path: file });
    expect(c.observations[2]!.fields).toMatchObject({ name: "R&D Notes", version: "2.10" });
  });

  it("takes the host from --host or the file name when the XML has no <general>", async () => {
    const file = fx("classic-api-software-subset-no-general.xml");
    expect(Object.keys(productsByHost(await scanFile(file)))).toEqual([
      "classic-api-software-subset-no-general",
    ]);
    const r = await scanFile(file, { importOptions: { host: "mac-lab-3" } });
    expect(productsByHost(r)).toEqual({ "mac-lab-3": ["kaspersky-endpoint-security-mac"] });
  });

  it("keeps the computers before a damaged one", async () => {
    const ok =
      '{"general": {"name": "mac-a"}, "applications": [{"name": "Kaspersky Safe Kids.app", "bundleId": "x"}]}';
    const json = `{"totalCount": 3, "results": [\n${ok},\n{"general": oops},\n{"general": {"name": "mac-c"}, "applications": [`;
    const r = await scan([{ name: "cut.json", data: json }], { format: "jamf" });
    expect(productsByHost(r)).toEqual({ "mac-a": ["kaspersky-safe-kids"] });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, "jamf-bad-json"],
      [4, "jamf-bad-json"],
    ]);
    const xml = `<computers>\n<computer><general><name>mac-x</name></general><software><applications><application><name>Kaspersky Safe Kids.app</name></application></applications></software></computer>\n<computer><general><name>mac-y</name>`;
    const rx = await scan([{ name: "cut.xml", data: xml }], { format: "jamf" });
    expect(productsByHost(rx)).toEqual({ "mac-x": ["kaspersky-safe-kids"] });
    expect(rx.issues.map((i) => [i.line, i.code])).toEqual([[3, "jamf-truncated"]]);
  });
});
