import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "nios-dns.log");

describe("infoblox importer", () => {
  it("reads the query/response capture, BIND query lines and RPZ hits in CEF", async () => {
    const r = await scanFile(fixture);
    expect(r.inputs[0]).toMatchObject({ format: "infoblox", records: 9 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals])).toEqual([
      ["10.70.0.11", "confirmed", { ksn: 1, update: 1 }],
      ["10.70.0.12", "possible", { telemetry: 1 }],
      ["10.70.0.13", "likely", { activation: 1 }],
    ]);
    // the BIND time carries the year; the syslog-only lines borrow it
    expect(r.findings[0]?.firstSeen).toBe("2024-10-03T09:00:00.043Z");
    expect(r.findings[1]?.firstSeen).toBe("2024-10-03T09:00:02.000Z");
    expect(r.issues.find((i) => i.code === "syslog-year")?.message).toContain(
      "dated records in the same file",
    );
  });

  it("reads the real sample with no Kaspersky finding", async () => {
    const path = sharedFile("samples", "infoblox", "elastic-infoblox_nios-test-dns.log");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "infoblox", records: 28, issues: 0 });
    expect(r.findings).toEqual([]);
  });
});
