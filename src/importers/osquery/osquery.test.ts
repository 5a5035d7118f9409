import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import type { ScanResult } from "../../scan/run.js";
import { eventHost, eventTime } from "./results-log.js";
import { inferTable } from "./tables.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

/** `host → product → class` for assertions on history. */
function classes(r: ScanResult): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of r.findings) out[f.host] = { ...out[f.host], [f.product]: f.class };
  return out;
}

describe("osquery result logs", () => {
  it("replays a differential log: KES added then removed is historical, with the removal time", async () => {
    const r = await scanFile(fx("differential-programs-kes-added-then-removed.log"));
    expect(classes(r)).toEqual({
      "ws-fin-07.corp.example": { "kaspersky-endpoint-security-windows": "historical" },
    });
    const f = r.findings[0]!;
    expect(f.confidence).toBe("confirmed");
    expect(f.evidence.every((e) => e.state === "removed" && e.line === 4)).toBe(true);
    expect(f.lastSeen).toBe("2024-04-11T08:00:00.000Z");
    const host = r.hosts.find((h) => h.id === "ws-fin-07.corp.example")!;
    expect(host.ids).toEqual(["4c4c4544-0031-3010-8052-b4c04f4a3132"]);
    expect(host.platforms).toEqual(["windows"]);
    expect(r.inputs[0]).toMatchObject({ format: "osquery", records: 4, issues: 0 });
  });

  it("keeps a product that was removed and added back (an upgrade) as installed", async () => {
    const r = await scanFile(fx("differential-programs-kes-stays-installed.log"));
    expect(classes(r)).toEqual({
      "ws-hr-03.corp.example": {
        "kaspersky-endpoint-security-windows": "installed",
        "kaspersky-network-agent": "installed",
      },
    });
    const kes = r.findings.find((f) => f.product === "kaspersky-endpoint-security-windows")!;
    // the 12.3 row was removed and 12.4 added in the same run: an upgrade, not a removal
    expect(kes.evidence.every((e) => e.line === 6 && e.state === "present")).toBe(true);
    expect(r.findings.every((f) => f.class === "installed")).toBe(true);
  });

  it("treats an epoch change as a reset: rows not logged again under the new epoch are gone", async () => {
    const r = await scanFile(fx("epoch-change-resets-replay.log"));
    expect(classes(r)).toEqual({
      "ws-eng-11": {
        "kaspersky-endpoint-security-windows": "historical",
        "kaspersky-network-agent": "installed",
      },
    });
  });

  it("sees an epoch change on a row that cannot match, and a snapshot that no longer holds the product", async () => {
    const ev = (epoch: string, t: number, name: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        name: "programs",
        hostIdentifier: "ws-9",
        unixTime: String(t),
        epoch,
        columns: { name, publisher: "x", identifying_number: name },
        action: "added",
        ...extra,
      });
    const snap = (t: number, rows: string[]) =>
      JSON.stringify({
        name: "apps",
        hostIdentifier: "mac-9",
        unixTime: t,
        snapshot: rows.map((n) => ({
          name: `${n}.app`,
          bundle_identifier: n,
          path: `/Applications/${n}.app`,
        })),
        action: "snapshot",
      });
    const data = [
      ev("0", 1700000000, "Kaspersky Free"),
      ev("1", 1700086400, "Git"),
      snap(1700000000, ["com.kaspersky.fixture"]),
      snap(1700003600, ["com.apple.Safari"]),
    ].join("\n");
    const r = await scan([{ name: "epochs.log", data }]);
    expect(r.findings.map((f) => [f.host, f.product, f.class, f.lastSeen])).toEqual([
      ["mac-9", "kaspersky-unidentified", "historical", "2023-11-14T23:13:20.000Z"],
      ["ws-9", "kaspersky-free", "historical", "2023-11-15T22:13:20.000Z"],
    ]);
  });

  it("replaces the set on every snapshot and reads apps and browser extensions", async () => {
    const r = await scanFile(fx("snapshot-apps-chrome-firefox-macos.log"));
    // The app's name alone also fires the Windows KIS name rule: the matcher does not weigh the
    // host's platform yet (reported), so only the products this importer decides are asserted.
    expect(classes(r)).toMatchObject({
      "mac-design-02.corp.example": {
        "kaspersky-internet-security-mac": "historical",
        "kaspersky-protection-extension": "installed",
      },
    });
    const kis = r.findings.find((f) => f.product === "kaspersky-internet-security-mac")!;
    expect(kis.evidence.find((e) => e.field === "bundleId")).toMatchObject({
      value: "com.kaspersky.internetsecurity",
      state: "removed",
      line: 4,
    });
    const ext = r.findings.find((f) => f.product === "kaspersky-protection-extension")!;
    expect(ext.confidence).toBe("confirmed");
    expect(ext.evidence.map((e) => e.field).sort()).toContain("extensionId");
    expect(ext.evidence.some((e) => e.locator === "query firefox_addons (firefox_addons)")).toBe(true);
    expect(r.hosts[0]!.platforms).toEqual(["macos"]);
    expect(r.inputs[0]!.records).toBe(8);
  });

  it("reads batch diffResults with numerics as numbers, deb and rpm packages", async () => {
    const r = await scanFile(fx("batch-diffresults-deb-rpm-numerics.log"));
    expect(classes(r)).toEqual({
      "deb-build-01": { "kaspersky-endpoint-security-linux": "installed" },
      "rhel-db-02": { "kaspersky-network-agent": "installed" },
    });
    const kesl = r.findings.find((f) => f.host === "deb-build-01")!;
    expect(kesl.evidence.find((e) => e.field === "package")).toMatchObject({
      value: "kesl",
      signature: "kesl.package",
    });
    expect(r.hosts.map((h) => h.platforms)).toEqual([["linux"], ["linux"]]);
    expect(r.inputs[0]!.records).toBe(6);
  });

  it("reads old logs with `hostname`, services (kernel drivers too), drivers, security products, processes", async () => {
    const r = await scanFile(fx("legacy-hostname-services-drivers-security-products-processes.log"));
    expect(productsByHost(r)).toEqual({ "ws-legacy-09": ["kaspersky-endpoint-security-windows"] });
    const f = r.findings[0]!;
    const fields = new Set(f.evidence.map((e) => `${e.field}:${e.value}`));
    expect(fields).toContain("driver:klif.sys");
    expect(fields).toContain("service:klif");
    expect(fields).toContain("driver:C:\\Windows\\system32\\DRIVERS\\klim6.sys");
    expect(fields).toContain("process:avp.exe");
    expect(fields).toContain("name:Kaspersky Endpoint Security for Windows");
    expect(f.evidence.find((e) => e.field === "service" && e.value === "AVP21.3")?.signature).toBe(
      "vendor.service-avp",
    );
    expect(f.firstSeen).toBe("2017-12-28T14:40:08.000Z");
  });

  it("keeps good lines of a damaged log and names the bad ones", async () => {
    const good = (await import("node:fs")).readFileSync(
      fx("differential-programs-kes-stays-installed.log"),
      "utf8",
    );
    const data = `${good.split("\r\n").slice(0, 2).join("\n")}\n{"name":"x",\nnot json\n{"severity":"0","message":"status"}\n`;
    const r = await scan([{ name: "mixed.log", data }], { format: "osquery" });
    expect(productsByHost(r)).toEqual({
      "ws-hr-03.corp.example": ["kaspersky-endpoint-security-windows", "kaspersky-network-agent"],
    });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, "osquery-bad-json"],
      [4, "osquery-bad-json"],
      [5, "osquery-not-a-result"],
    ]);
  });

  it("does not hold rows that cannot match, but still counts their hosts", async () => {
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        name: "mounts",
        hostIdentifier: `srv-${i % 5}`,
        unixTime: 1700000000 + i,
        columns: { path: `/data/${i}`, type: "ext4" },
        action: "added",
      }),
    );
    const r = await scan([{ name: "mounts.log", data: lines.join("\n") }]);
    expect(r.findings).toEqual([]);
    expect(r.hosts.map((h) => [h.id, h.records])).toEqual([
      ["srv-0", 10],
      ["srv-1", 10],
      ["srv-2", 10],
      ["srv-3", 10],
      ["srv-4", 10],
    ]);
  });
});

describe("osqueryi --json", () => {
  it("reads an array of rows, host from the file name or --host", async () => {
    const r = await scanFile(fx("osqueryi-json-programs.json"));
    expect(productsByHost(r)).toEqual({ "osqueryi-json-programs": ["kaspersky-endpoint-security-windows"] });
    expect(r.inputs[0]).toMatchObject({ format: "osquery", records: 3 });
    const named = await scanFile(fx("osqueryi-json-programs.json"), { importOptions: { host: "ws-hr-03" } });
    expect(Object.keys(productsByHost(named))).toEqual(["ws-hr-03"]);
    expect(named.findings[0]!.evidence[0]!.state).toBeUndefined();
  });
});

describe("event time and host", () => {
  it("reads unixTime (string or number), else the space-padded calendarTime, as UTC", () => {
    expect(eventTime({ unixTime: "1515423115" })).toBe("2018-01-08T14:51:55.000Z");
    expect(eventTime({ unixTime: 1515423115 })).toBe("2018-01-08T14:51:55.000Z");
    expect(eventTime({ calendarTime: "Mon Jan  8 14:51:55 2018 UTC" })).toBe("2018-01-08T14:51:55.000Z");
    expect(eventTime({ calendarTime: "yesterday" })).toBeUndefined();
  });

  it("takes a UUID host identifier as an id and the hostname decoration as the name", () => {
    const uuid = "6D2F1E4A-9B1C-4E8B-A2F3-1C2B3A4D5E6F";
    expect(eventHost({ hostIdentifier: uuid }, "f")).toEqual({ id: uuid });
    expect(eventHost({ hostIdentifier: uuid, decorations: { hostname: "ws-1" } }, "f")).toEqual({
      name: "ws-1",
      id: uuid,
    });
    expect(eventHost({ hostname: "old-host" }, "f")).toEqual({ name: "old-host" });
    expect(eventHost({}, "from-file")).toEqual({ name: "from-file" });
  });
});

describe("table inference", () => {
  it("tells the tables apart by their columns, then by the query name", () => {
    expect(inferTable(["name", "version", "identifying_number"])?.table).toBe("programs");
    expect(inferTable(["name", "identifier", "author", "browser_type"])?.table).toBe("chrome_extensions");
    expect(inferTable(["name", "identifier", "creator"])?.table).toBe("firefox_addons");
    expect(inferTable(["name", "version", "maintainer"])?.table).toBe("deb_packages");
    expect(inferTable(["name", "version", "vendor", "release"])?.table).toBe("rpm_packages");
    expect(inferTable(["name", "version"], "pack_inventory_rpm_packages")?.table).toBe("rpm_packages");
    expect(inferTable(["name", "version"])?.table).toBe("unknown table");
    expect(inferTable(["path", "type", "blocks"])).toBeUndefined();
  });
});

describe("real osqueryd log (elastic/integrations test data)", () => {
  it("parses, counts both hosts and finds nothing", async () => {
    const path = sharedFile("samples", "osquery", "elastic-osquery-test-osquery.first6lines.log");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "osquery", records: 6, issues: 0 });
    expect(r.findings).toEqual([]);
    expect(r.hosts.map((h) => h.id)).toEqual(["192-168-0-4.rdsnet.ro", "ubuntu-xenial"]);
  });
});
