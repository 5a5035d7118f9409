import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collect } from "../../../test/importer-harness.js";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import { systemProfiler } from "./index.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

describe("system-profiler", () => {
  it("reads the text output, one record per block even when names repeat", async () => {
    const file = fx("applications-text-kes-mac-repeated-names.txt");
    const r = await scanFile(file, { importOptions: { host: "mac-ana" } });
    expect(productsByHost(r)).toEqual({ "mac-ana": ["kaspersky-endpoint-security-mac"] });
    expect(r.findings[0]!.evidence.map((e) => e.line)).toEqual([3, 22]);
    expect(r.hosts[0]!.platforms).toEqual(["macos"]);
    expect(r.inputs[0]).toMatchObject({ format: "system-profiler", records: 4, issues: 0 });
    const c = await collect(systemProfiler, { path: file });
    expect(c.observations.map((o) => o.fields)).toEqual([
      {
        name: "Kaspersky Endpoint Security for Mac",
        version: "11.3.0",
        path: "/Applications/Kaspersky Endpoint Security for Mac.app",
        text: "Kaspersky Endpoint Security for Mac 11.3.0",
      },
      {
        name: "Firefox",
        version: "124.0.1",
        certificate:
          "Developer ID Application: Example Browser Corp (EXAMPLE123), Developer ID Certification Authority, Apple Root CA",
        path: "/Applications/Firefox.app",
        text: "Firefox 124.0.1",
      },
      {
        name: "Kaspersky Endpoint Security for Mac",
        version: "11.2.1",
        path: "/Users/ana/Downloads/Kaspersky Endpoint Security for Mac.app",
      },
      { name: "Kasperski Photo Tools", version: "1.0", path: "/Applications/Kasperski Photo Tools.app" },
    ]);
    expect(c.observations[0]!.host).toEqual({
      name: "applications-text-kes-mac-repeated-names",
      platform: "macos",
    });
  });

  it("reads the -json output, joining the signing chain", async () => {
    const file = fx("applications-json-safe-kids-signed-by.json");
    const r = await scanFile(file);
    expect(productsByHost(r)).toEqual({ "applications-json-safe-kids-signed-by": ["kaspersky-safe-kids"] });
    const c = await collect(systemProfiler, { path: file });
    expect(c.observations[1]!.fields.certificate).toBe(
      "Software Signing, Apple Code Signing Certification Authority, Apple Root CA",
    );
    expect(c.observations[2]!.fields).toMatchObject({
      name: "Hotspot Shield",
      text: "Hotspot Shield 7.12.0",
    });
  });

  it("names stray lines and keeps the applications around them", async () => {
    const data = [
      "Applications:",
      "stray before any application",
      "    Kaspersky Password Manager:",
      "",
      "      Version: 9.0",
      '\u0000\u0001 not a record {[<"',
      "    Notes:",
      "      Version: 4.9",
    ].join("\n");
    const r = await scan([{ name: "mac-7.txt", data }]);
    expect(productsByHost(r)).toEqual({ "mac-7": ["kaspersky-password-manager"] });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [2, "system-profiler-bad-line"],
      [6, "system-profiler-bad-line"],
    ]);
    expect(r.inputs[0]!.records).toBe(2);
  });
});

describe("real system_profiler output (GLPI Agent test data)", () => {
  it("yields the Parallels 'Powered by Kaspersky' OEM product, integrated, and nothing else Kaspersky", async () => {
    const path = sharedFile(
      "samples",
      "macos-system-profiler",
      "glpi-agent-sample2.SPApplicationsDataType.txt",
    );
    if (!path) return;
    const r = await scanFile(path);
    expect(r.findings.map((f) => [f.host, f.product, f.class])).toEqual([
      ["glpi-agent-sample2", "parallels-internet-security-kaspersky", "integrated"],
    ]);
    expect(r.findings[0]!.evidence.map((e) => e.line).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      973, 3758, 3758,
    ]);
    expect(r.inputs[0]).toMatchObject({ format: "system-profiler", records: 491, issues: 0 });
  });
});
