import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "kern.log");

describe("iptables importer", () => {
  it("reads LOG lines with prefixes; KSC ports from internal hosts only", async () => {
    const r = await scanFile(fixture, { importOptions: { year: 2024 } });
    expect(r.inputs[0]).toMatchObject({ format: "iptables", records: 5 });
    expect(r.findings.map((f) => [f.host, f.product, f.confidence, f.signals, f.firstSeen])).toEqual([
      ["172.20.0.9", "kaspersky-security-center", "likely", { management: 2 }, "2024-10-09T10:00:00.000Z"],
    ]);
    expect(r.findings[0]!.evidence.map((e) => e.locator)).toEqual(["KSC-ACCEPT:", "KSC-ACCEPT:"]);
  });

  for (const name of ["crowdsec-hub-iptables-logs.log", "crowdsec-hub-iptables-scan-multi-port.log"]) {
    it(`reads the real sample ${name} with no finding`, async () => {
      const path = sharedFile("samples", "iptables", name);
      if (!path) return;
      const r = await scanFile(path);
      expect(r.inputs[0]?.format).toBe("iptables");
      expect(r.findings).toEqual([]);
      expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    });
  }
});
