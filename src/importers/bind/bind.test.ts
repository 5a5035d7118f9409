import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "fixtures", name);

describe("bind importer", () => {
  it("reads query, older view and security (denied) lines; skips decoys and zone transfers", async () => {
    const r = await scanFile(fixture("queries.log"));
    expect(r.inputs[0]).toMatchObject({ format: "bind", records: 9 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals, f.updateAfterCutoff])).toEqual([
      ["10.60.0.21", "confirmed", { ksn: 1, update: 1 }, true],
      ["10.60.0.22", "possible", { "web-visit": 1 }, false],
      ["10.60.0.25", "likely", { activation: 1 }, true],
      ["10.60.0.26", "likely", { ksn: 1 }, true],
    ]);
    expect(r.findings[0]?.firstSeen).toBe("2024-09-30T23:59:58.101Z");
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([["skipped", "info", 9]]);
  });

  it("gives syslog-wrapped lines the year from --year and says so", async () => {
    const r = await scanFile(fixture("queries-syslog.log"), { importOptions: { year: 2024 } });
    expect(r.findings.map((f) => [f.host, f.signals, f.firstSeen])).toEqual([
      ["10.61.0.5", { update: 2 }, "2024-10-02T07:15:00.000Z"],
    ]);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["syslog-year", "info"]]);
    expect(r.issues[0]?.message).toContain("2024 taken from --year");
  });

  it("without --year takes the year from the file's modification time", async () => {
    const r = await scanFile(fixture("queries-syslog.log"));
    expect(r.issues[0]?.message).toContain("modification time");
    expect(r.findings[0]?.firstSeen).toMatch(/^\d{4}-10-02T07:15:00.000Z$/);
  });

  for (const name of ["crowdsec-hub-bind9-logs.log", "crowdsec-hub-bind9-syslog.log"]) {
    it(`reads the real sample ${name} with no finding`, async () => {
      const path = sharedFile("samples", "bind", name);
      if (!path) return;
      const r = await scanFile(path);
      expect(r.inputs[0]?.format).toBe("bind");
      expect(r.inputs[0]?.records).toBeGreaterThan(10);
      expect(r.findings).toEqual([]);
      expect(r.issues).toEqual([]);
    });
  }
});
