import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "fixtures", name);
const brief = (r: Awaited<ReturnType<typeof scanFile>>) =>
  r.findings.map((f) => [f.host, f.class, f.product, f.confidence, f.signals ?? null]);

describe("sysmon-dns importer", () => {
  it("reads flat JSON events (OTRF, NXLog) with CRLF; the querying process is evidence too", async () => {
    const r = await scanFile(fixture("sysmon-flat.ndjson"));
    expect(r.inputs[0]).toMatchObject({ format: "sysmon-dns", records: 6, issues: 0 });
    expect(brief(r)).toEqual([
      ["ws-0107.corp.example.com", "installed", "kaspersky-endpoint-security-windows", "confirmed", null],
      ["ws-0107.corp.example.com", "network", "kaspersky-unidentified", "confirmed", { ksn: 1, update: 1 }],
      ["ws-0108.corp.example.com", "network", "kaspersky-website-visit", "possible", { "web-visit": 1 }],
    ]);
    expect(r.findings[1]!.firstSeen).toBe("2024-10-06T08:00:00.123Z");
  });

  it("reads Winlogbeat events", async () => {
    const r = await scanFile(fixture("winlogbeat.ndjson"));
    expect(brief(r)).toEqual([
      ["laptop-7.corp.example.com", "installed", "kaspersky-unidentified", "confirmed", null],
      ["laptop-7.corp.example.com", "network", "kaspersky-unidentified", "likely", { activation: 1 }],
    ]);
  });

  it("reads XML events without a root element, on one line or several", async () => {
    const r = await scanFile(fixture("wevtutil-events.xml"));
    expect(r.inputs[0]).toMatchObject({ format: "sysmon-dns", records: 4, issues: 0 });
    expect(brief(r)).toEqual([
      ["srv-file-02.corp.example.com", "installed", "kaspersky-security-windows-server", "confirmed", null],
      [
        "srv-file-02.corp.example.com",
        "network",
        "kaspersky-unidentified",
        "confirmed",
        { ksn: 1, update: 1 },
      ],
    ]);
    expect(r.findings[1]!.evidence.map((e) => e.line)).toEqual([1, 2]);
  });

  for (const name of [
    "otrf-psh_cmstp_execution_bypassuac_2020-10-2201543213.json",
    "otrf-all-small-datasets.sysmon-eid22-only.ndjson",
    "evtx-attack-samples-Sysmon_UACME_64.python-evtx-dump.xml",
  ]) {
    it(`reads the real sample ${name} with no finding`, async () => {
      const path = sharedFile("samples", "sysmon-eid22", name);
      if (!path) return;
      const r = await scanFile(path);
      expect(r.inputs[0]).toMatchObject({ format: "sysmon-dns", issues: 0 });
      expect(r.inputs[0]!.records).toBeGreaterThan(500);
      expect(r.findings).toEqual([]);
    });
  }
});
