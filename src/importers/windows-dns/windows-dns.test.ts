import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";

const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "fixtures", name);

describe("windows-dns importer", () => {
  it("reads received client queries in wire notation, not responses or the server's recursion", async () => {
    const r = await scanFile(fixture("dns-debug.log"));
    expect(r.inputs[0]).toMatchObject({ format: "windows-dns", records: 9 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals])).toEqual([
      ["10.80.0.21", "likely", { update: 1, "web-visit": 1 }],
      ["10.80.0.22", "possible", { "web-visit": 1 }],
    ]);
    const e = r.findings[0]!.evidence[0]!;
    expect([e.value, e.matched, e.line, e.at]).toEqual([
      "(3)s05(3)upd(9)kaspersky(3)com(0)",
      "upd.kaspersky.com",
      11,
      "2024-10-02T09:00:01.000Z",
    ]);
    expect(r.findings[0]!.evidence[1]!.at).toBe("2024-10-02T13:30:00.000Z");
    expect(r.issues.map((i) => i.code).sort()).toEqual(["local-time", "skipped"]);
  });

  it("reads day.month.year dates of non-US server locales", async () => {
    const r = await scanFile(fixture("dns-debug-ddmm.log"));
    expect(r.findings.map((f) => [f.host, f.signals, f.firstSeen])).toEqual([
      ["192.168.50.7", { ksn: 1 }, "2024-10-05T14:02:11.000Z"],
      ["192.168.50.8", { "web-visit": 1 }, "2024-10-05T14:02:12.000Z"],
    ]);
  });
});
