import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collect } from "../../../test/importer-harness.js";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import { regExport } from "./index.js";
import { parseValueLine } from "./values.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);
const KEYS = fx("kaspersky-keys-uninstall-services-utf16le-bom.reg");

describe("reg-export", () => {
  it("finds KES from its KasperskyLab environment key, Uninstall entry and service keys", async () => {
    const r = await scanFile(KEYS);
    const host = "kaspersky-keys-uninstall-services-utf16le-bom";
    expect(productsByHost(r)).toEqual({
      [host]: ["kaspersky-endpoint-security-windows", "kaspersky-password-manager"],
    });
    const kes = r.findings.find((f) => f.product === "kaspersky-endpoint-security-windows")!;
    expect(kes.confidence).toBe("confirmed");
    const seen = kes.evidence.map((e) => `${e.line} ${e.field} ${e.signature}`);
    expect(seen).toContain("3 registry vendor.registry-avp");
    expect(seen).toContain("3 name kes-win.name");
    expect(seen).toContain("9 publisher vendor.publisher");
    expect(seen).toContain("30 driver vendor.driver");
    expect(seen).toContain("42 service vendor.service-avp");
    expect(r.inputs[0]).toMatchObject({
      format: "reg-export",
      records: 8,
      issues: 0,
      encoding: "utf-16le (BOM)",
    });
    expect(r.hosts[0]!.platforms).toEqual(["windows"]);
  });

  it("decodes wrapped hex(2) and hex(7), dword and qword; skips deleted values and keys", async () => {
    const c = await collect(regExport, { path: KEYS });
    const software = c.observations.filter((o) => o.kind === "software");
    expect(software.map((o) => o.fields.productCode)).toEqual([
      "{FIXTURE01-0000-4F1C-9F00-000000000001}",
      "Kaspersky Password Manager",
      "Git_is1",
    ]);
    expect(software[0]!.fields).toMatchObject({
      text: "MsiExec.exe /X{FIXTURE01-0000-4F1C-9F00-000000000001} REBOOT=ReallySuppress",
      installDate: "20240312",
      version: "12.3.0.493",
    });
    const services = c.observations.filter((o) => o.kind === "service");
    expect(services.map((o) => o.fields)).toEqual([
      {
        service: "klif",
        name: "Kaspersky Lab service driver",
        path: "system32\\DRIVERS\\klif.sys",
        driver: "klif.sys",
      },
      {
        service: "AVP21.3",
        name: "Kaspersky Endpoint Security Service",
        path: '"C:\\Program Files (x86)\\Kaspersky Lab\\Kaspersky Endpoint Security for Windows\\avp.exe" -r',
      },
    ]);
    const registry = c.observations.filter((o) => o.kind === "registry").map((o) => o.fields.registry);
    expect(registry).toHaveLength(7);
    expect(registry).not.toContain("HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLab\\Obsolete");
    expect(registry).toContain("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\klif\\Instances");
    expect(c.issues).toEqual([]);
    expect(c.records).toBe(8);
  });

  it("reads REGEDIT4 files in a Windows code page, with single-byte hex(2)", async () => {
    const file = fx("regedit4-cp1251-uninstall-kis-cyrillic-publisher.reg");
    const r = await scanFile(file, { importOptions: { host: "buh-pc" } });
    expect(productsByHost(r)).toEqual({ "buh-pc": ["kaspersky-internet-security"] });
    const c = await collect(regExport, { path: file });
    const kis = c.observations.find((o) => o.kind === "software")!;
    expect(kis.fields.publisher).toBe("АО «Лаборатория Касперского»");
    expect(kis.fields.text).toBe('"C:\\ProgramData\\Package Cache\\{FIXTURE02}\\startup.exe" /x');
    expect(c.observations.find((o) => o.fields.name === "1С:Предприятие 8.3")?.fields.productCode).toBe(
      "1C Предприятие 8.3",
    );
  });

  it("reports bad lines with their numbers and keeps the rest", async () => {
    const data = [
      "Windows Registry Editor Version 5.00",
      '"Orphan"="x"',
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\KFree]",
      '"DisplayName"="Kaspersky Free"',
      '"Size"=hex:zz,01',
      "garbage line",
      '"Multi"="first',
      'second"',
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Broken",
      '"Cut"="never closed',
    ].join("\r\n");
    const r = await scan([{ name: "damaged.reg", data }]);
    expect(productsByHost(r)).toEqual({ damaged: ["kaspersky-free"] });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [2, "reg-value-outside-key"],
      [5, "reg-bad-value"],
      [6, "reg-bad-value"],
      [9, "reg-bad-key"],
      [10, "reg-unterminated-string"],
    ]);
    const c = await collect(regExport, {
      name: "x.reg",
      data: `${data}\r\n[HKEY_CURRENT_USER\\X]\r\n"A"="still open`,
    });
    expect(c.issues.map((i) => [i.line, i.code]).slice(-1)).toEqual([[12, "reg-unterminated-string"]]);
    expect(c.observations.find((o) => o.fields.registry?.endsWith("KFree"))).toBeDefined();
  });

  it("parses value lines the way regedit writes them", () => {
    expect(parseValueLine('"A\\\\B \\"q\\""="C:\\\\x\\\\"', true)).toEqual({
      value: { name: 'A\\B "q"', data: "C:\\x\\" },
    });
    expect(parseValueLine("@=dword:0000001a", true)).toEqual({ value: { name: "", data: "26" } });
    expect(parseValueLine('"Gone"=-', true)).toEqual({ value: { name: "Gone" } });
    expect(parseValueLine('"M"=hex(7):61,00,00,00,62,00,00,00,00,00', true)).toEqual({
      value: { name: "M", data: "a; b" },
    });
    expect(parseValueLine('"E"=hex(2):e9,00', false)).toEqual({ value: { name: "E", data: "é" } });
    expect(parseValueLine('"S"="open', true)).toEqual({ unterminated: true });
  });
});

describe("real .reg exports (GLPI Agent test data)", () => {
  const sample = (name: string) => sharedFile("samples", "windows-uninstall-registry", name);

  it("reads all three without a Kaspersky finding and with one record per key", async () => {
    for (const [name, keys] of [
      ["glpi-agent-10_russian-Uninstall.reg", 3],
      ["glpi-agent-mssql-Uninstall.reg", 8],
      ["glpi-agent-xp-Uninstall.reg", 536],
    ] as const) {
      const path = sample(name);
      if (!path) continue;
      const r = await scanFile(path);
      expect(r.findings).toEqual([]);
      expect(r.inputs[0]).toMatchObject({ format: "reg-export", records: keys, issues: 0 });
      expect(r.hosts.map((h) => h.id)).toEqual([name.replace(/\.reg$/, "").toLowerCase()]);
    }
  });

  it("decodes the Cyrillic publisher and hex(2) values of the Russian export", async () => {
    const path = sample("glpi-agent-10_russian-Uninstall.reg");
    if (!path) return;
    const c = await collect(regExport, { path }, { host: "ru-10" });
    const csp = c.observations.find((o) => o.kind === "software" && o.fields.name === "КриптоПро CSP")!;
    expect(csp.fields).toMatchObject({
      publisher: "Компания КриптоПро",
      text: "MsiExec.exe /I{50F91F80-D397-437C-B0C8-62128DE3B55E}",
      productCode: "{50F91F80-D397-437C-B0C8-62128DE3B55E}",
      installDate: "20210724",
    });
    expect(csp.host).toEqual({ name: "ru-10", platform: "windows" });
  });

  it("counts the Uninstall entries of the XP export (a sub-key of an entry is not one)", async () => {
    const path = sample("glpi-agent-xp-Uninstall.reg");
    if (!path) return;
    const c = await collect(regExport, { path });
    expect(c.observations.filter((o) => o.kind === "software")).toHaveLength(534);
    expect(c.observations.filter((o) => o.kind === "registry")).toHaveLength(536);
    expect(c.issues).toEqual([]);
  });
});
