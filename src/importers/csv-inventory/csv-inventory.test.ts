import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

describe("csv-inventory", () => {
  it("reads Intune aggregate rows as a tenant-wide asset with device counts", async () => {
    const r = await scanFile(fx("intune-detected-apps-aggregate.csv"));
    expect(productsByHost(r)).toEqual({
      "asset:intune-tenant (aggregate)": ["kaspersky-endpoint-security-windows", "kaspersky-network-agent"],
    });
    expect(r.findings[0]!.evidence[0]!.locator).toContain("devices: 37");
  });

  it("reads Intune raw app inventory with device names, ids and platforms", async () => {
    const r = await scanFile(fx("intune-app-inventory-raw.csv"));
    expect(productsByHost(r)).toEqual({
      "fin-lt-014": ["kaspersky-endpoint-security-windows"],
      "kiosk-ipad-3": ["kaspersky-safe-kids"],
    });
    const host = r.hosts.find((h) => h.id === "kiosk-ipad-3")!;
    expect(host.platforms).toEqual(["ios"]);
    expect(host.ids).toEqual(["0f4f3a11-77aa-4d0e-8a59-1c7c2a9bb001"]);
    expect(r.findings.find((f) => f.host === "fin-lt-014")!.confidence).toBe("confirmed");
  });

  it("reads SCCM v_Add_Remove_Programs with NULL cells", async () => {
    const r = await scanFile(fx("sccm-v-add-remove-programs.csv"));
    expect(productsByHost(r)).toEqual({ "hq-fs01": ["kaspersky-security-windows-server"] });
    expect(r.hosts.map((h) => h.id)).toEqual(["hq-fs01", "hq-ws22"]);
    expect(r.issues).toEqual([]);
  });

  it("reads a PowerShell Export-Csv with BOM, #TYPE line, CRLF and doubled quotes", async () => {
    const r = await scanFile(fx("powershell-uninstall-export-csv.csv"));
    const f = r.findings.find((x) => x.product === "kaspersky-total-security")!;
    expect(f.host).toBe("home-pc");
    expect(f.confidence).toBe("confirmed");
    expect(f.evidence.map((e) => e.field).sort()).toEqual(["name", "path", "publisher"]);
  });

  it("reads semicolon-separated Lansweeper exports with addresses", async () => {
    const r = await scanFile(fx("lansweeper-semicolon.csv"));
    expect(productsByHost(r)).toEqual({ "plant-hmi-02": ["kaspersky-industrial-cybersecurity-nodes"] });
    expect(r.hosts.find((h) => h.id === "plant-hmi-02")!.ips).toEqual(["10.20.4.12"]);
  });

  it("flags the real product and none of the look-alikes", async () => {
    const r = await scanFile(fx("generic-with-decoys.csv"));
    expect(productsByHost(r)).toEqual({ "ws-001.corp.example": ["kaspersky-endpoint-security-windows"] });
    expect(r.hosts).toHaveLength(6);
  });

  it("keeps good rows of a partly bad file and reports the bad ones with their line", async () => {
    const data = [
      "host,name,publisher",
      "a,Kaspersky Free,Kaspersky",
      "b,Kaspersky Plus",
      'c,"Kaspersky Internet Security,AO Kaspersky Lab',
    ].join("\n");
    const r = await scan([{ name: "bad.csv", data }]);
    expect(productsByHost(r)).toEqual({ a: ["kaspersky-free"] });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, "csv-short-row"],
      [4, "csv-unterminated-quote"],
    ]);
  });

  it("joins quoted fields that span lines", async () => {
    const data = 'host,name,publisher\nws9,"Kaspersky\nSafe Kids",AO Kaspersky Lab\nws10,Git,Git\n';
    const r = await scan([{ name: "multi.csv", data }]);
    expect(productsByHost(r)).toEqual({ ws9: ["kaspersky-safe-kids"] });
    expect(r.findings[0]!.evidence[0]!.line).toBe(2);
  });

  it("decodes UTF-16LE, gzip, and falls back to cp1251 for Cyrillic publishers", async () => {
    const text =
      "host,name,publisher\r\nru-01,Kaspersky Endpoint Security для Windows,АО «Лаборатория Касперского»\r\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const win = encodeCp1251(text);
    for (const data of [utf16, gzipSync(Buffer.from(text)), win]) {
      const r = await scan([{ name: "ru.csv", data }]);
      const f = r.findings[0]!;
      expect(f.product).toBe("kaspersky-endpoint-security-windows");
      expect(f.evidence.find((e) => e.field === "publisher")!.value).toBe("АО «Лаборатория Касперского»");
    }
  });

  it("uses --map for columns it does not know", async () => {
    const data = "Rechner;Programm;Hersteller\nbuero-3;Kaspersky Small Office Security;AO Kaspersky Lab\n";
    const r = await scan([{ name: "de.csv", data }], {
      format: "csv-inventory",
      importOptions: { map: { Rechner: "host", Programm: "name", Hersteller: "publisher" } },
    });
    expect(productsByHost(r)).toEqual({ "buero-3": ["kaspersky-small-office-security"] });
  });

  it("finds nothing in the real PowerShell Uninstall exports", async () => {
    for (const name of [
      "xfaith4-Genesys-API-Explorer-installed_software.csv",
      "khushalj-Streamlit-CSV-Pie-InstalledSoftware.csv",
    ]) {
      const path = sharedFile("samples", "windows-uninstall-registry", name);
      if (!path) continue;
      const r = await scanFile(path, { importOptions: { host: "sample" } });
      expect(r.findings).toEqual([]);
      expect(r.inputs[0]!.format).toBe("csv-inventory");
      expect(r.inputs[0]!.records).toBeGreaterThan(100);
    }
  });
});

/** cp1251 encoder for the characters these tests use (Node has a decoder but no encoder). */
function encodeCp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c >= 0x410 && c <= 0x44f) bytes.push(c - 0x410 + 0xc0);
    else if (c === 0xab) bytes.push(0xab);
    else if (c === 0xbb) bytes.push(0xbb);
    else throw new Error(`no cp1251 byte for ${ch}`);
  }
  return Buffer.from(bytes);
}
