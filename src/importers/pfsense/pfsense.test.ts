import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import { filterlogFlow } from "./parse.js";

const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), "fixtures", name);

describe("pfsense importer", () => {
  it("reads RFC 5424 filterlog, IPv4 and IPv6, and reports the Administration Server", async () => {
    const r = await scanFile(fixture("filterlog-rfc5424.log"));
    expect(r.inputs[0]).toMatchObject({ format: "pfsense", records: 6, issues: 0 });
    expect(r.findings.map((f) => [f.host, f.product, f.confidence, f.signals])).toEqual([
      ["10.110.0.2", "kaspersky-security-center", "likely", { management: 3 }],
      ["fd10:110::2", "kaspersky-security-center", "possible", { management: 1 }],
    ]);
    expect(r.findings[0]!.firstSeen).toBe("2024-10-08T09:00:00.100Z");
  });

  it("reads BSD-framed filterlog with --year", async () => {
    const r = await scanFile(fixture("filterlog-bsd.log"), { importOptions: { year: 2024 } });
    expect(r.findings.map((f) => [f.host, f.firstSeen])).toEqual([
      ["192.168.77.5", "2024-10-08T09:10:00.000Z"],
    ]);
  });

  it("finds the ports and addresses of both IP versions", () => {
    expect(
      filterlogFlow("7,,,1,vtnet0,match,block,in,4,0x0,,64,1,0,DF,6,tcp,60,10.0.0.1,10.0.0.2,1234,13000,0,S"),
    ).toEqual({
      src: "10.0.0.1",
      dst: "10.0.0.2",
      proto: "tcp",
      dstPort: 13000,
      action: "block",
    });
    expect(
      filterlogFlow("7,,,1,vtnet0,match,pass,in,6,0x00,0x0,64,UDP,17,44,fd00::1,fd00::2,5000,15001,20")
        ?.dstPort,
    ).toBe(15001);
    expect(
      filterlogFlow("5,,,1,em1,match,pass,in,4,0x0,,128,1,0,none,1,icmp,84,1.1.1.1,2.2.2.2,request,1,1"),
    ).toBeUndefined();
  });

  it("reads the real sample with no finding", async () => {
    const path = sharedFile("samples", "pfsense-filterlog", "crowdsec-hub-pfsense-rfc5424-filterlog.log");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "pfsense", records: 4, issues: 0 });
    expect(r.findings).toEqual([]);
  });
});
