import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "pihole.log");

describe("dnsmasq importer", () => {
  it("reads query lines (plain and log-queries=extra) and moves the year on after December", async () => {
    const r = await scanFile(fixture, { importOptions: { year: 2024 } });
    expect(r.inputs[0]).toMatchObject({ format: "dnsmasq", records: 11 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals, f.firstSeen, f.lastSeen])).toEqual([
      [
        "192.168.1.116",
        "confirmed",
        { ksn: 1, update: 1 },
        "2024-12-31T23:59:58.000Z",
        "2025-01-01T00:00:03.000Z",
      ],
      ["192.168.1.117", "likely", { activation: 1 }, "2025-01-01T00:00:04.000Z", "2025-01-01T00:00:04.000Z"],
      [
        "fe80::1c2d:3e4f:5a6b:7c8d",
        "possible",
        { "web-visit": 1 },
        "2025-01-01T00:00:08.000Z",
        "2025-01-01T00:00:08.000Z",
      ],
    ]);
    expect(r.issues.find((i) => i.code === "syslog-year")?.message).toContain(
      "2024 taken from --year (moving on to 2025",
    );
  });

  it("reads the real Pi-hole sample with no finding", async () => {
    const path = sharedFile("samples", "dnsmasq-pihole", "bazmonk-junk-full_pihole.log");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "dnsmasq", issues: 0 });
    expect(r.inputs[0]!.records).toBeGreaterThan(2000);
    expect(r.findings).toEqual([]);
  });
});
