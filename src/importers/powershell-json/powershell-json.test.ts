import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collect } from "../../../test/importer-harness.js";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { powershellJson } from "./index.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

describe("powershell-json", () => {
  it("reads Get-ItemProperty Uninstall entries past the PSDrive/PSProvider noise", async () => {
    const r = await scanFile(fx("get-itemproperty-uninstall-array-with-ps-noise.json"));
    expect(productsByHost(r)).toEqual({ "fin-lt-22": ["kaspersky-endpoint-security-windows"] });
    expect(r.inputs[0]).toMatchObject({ format: "powershell-json", records: 3, issues: 0 });
    const c = await collect(powershellJson, {
      path: fx("get-itemproperty-uninstall-array-with-ps-noise.json"),
    });
    expect(c.observations[0]!.fields).toEqual({
      name: "Kaspersky Endpoint Security for Windows",
      publisher: "AO Kaspersky Lab",
      version: "12.3.0.493",
      installDate: "20240312",
      path: "C:\\Program Files (x86)\\Kaspersky Lab\\Kaspersky Endpoint Security for Windows\\",
      productCode: "{FIXTURE03-0000-4F1C-9F00-000000000003}",
      text: "MsiExec.exe /X{FIXTURE03-0000-4F1C-9F00-000000000003}",
    });
    expect(c.observations[2]!.fields).toEqual({ productCode: "KB5034441" });
  });

  it("reads a single object, host from the file name or --host", async () => {
    const file = fx("uninstall-single-object-no-computer-name.json");
    const r = await scanFile(file);
    expect(productsByHost(r)).toEqual({
      "uninstall-single-object-no-computer-name": ["kaspersky-small-office-security"],
    });
    const named = await scanFile(file, { importOptions: { host: "shop-pos-1" } });
    expect(Object.keys(productsByHost(named))).toEqual(["shop-pos-1"]);
  });

  it('unwraps the {"value": [...], "Count": n} form', async () => {
    const r = await scanFile(fx("convertto-json-value-count-wrapper.json"));
    expect(productsByHost(r)).toEqual({ "sales-lt-04": ["kaspersky-vpn-secure-connection"] });
    expect(r.inputs[0]!.records).toBe(2);
  });

  it("reads AntiVirusProduct, taking values from CimInstanceProperties when the top level lacks them", async () => {
    const r = await scanFile(fx("securitycenter2-antivirusproduct-cim-noise.json"));
    expect(productsByHost(r)).toEqual({ "reception-01": ["kaspersky-endpoint-security-windows"] });
    const f = r.findings[0]!;
    expect(f.evidence.map((e) => [e.field, e.locator])).toContainEqual([
      "process",
      "SecurityCenter2 AntiVirusProduct",
    ]);
    expect(f.evidence.find((e) => e.field === "process")!.value).toMatch(/\\avp\.exe$/);
  });

  it("reads Get-Service (kernel drivers name their .sys) and Get-Process", async () => {
    const svc = await scanFile(fx("get-service-network-agent-and-kernel-driver.json"));
    const evidence = svc.findings.flatMap((f) => f.evidence.map((e) => `${e.field}:${e.value}`));
    expect(evidence).toContain("service:klnagent");
    expect(evidence).toContain("driver:klif.sys");
    expect(svc.findings.map((f) => f.product)).toContain("kaspersky-network-agent");
    const proc = await scanFile(fx("get-process-avp.json"), { importOptions: { host: "fin-lt-22" } });
    expect(productsByHost(proc)).toEqual({ "fin-lt-22": ["kaspersky-endpoint-security-windows"] });
    expect(proc.findings[0]!.evidence.map((e) => e.field).sort()).toEqual(["path", "process", "publisher"]);
  });

  it("keeps the objects before a damaged one and names its line", async () => {
    const data =
      '[\n{"DisplayName": "Kaspersky Free", "Publisher": "Kaspersky"},\n{"DisplayName": nope},\n7,\n{"Foo": 1}\n]';
    const r = await scan([{ name: "ws-7.json", data }], { format: "powershell-json" });
    expect(productsByHost(r)).toEqual({ "ws-7": ["kaspersky-free"] });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, "powershell-bad-json"],
      [4, "powershell-not-an-object"],
      [5, "powershell-unknown-object"],
    ]);
  });
});
