import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import { hostOfUrl } from "./parse.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "access.log");

describe("squid importer", () => {
  it("reads the requested host of GET and CONNECT, denied requests too, not Kaspersky in a path", async () => {
    const r = await scanFile(fixture);
    expect(r.inputs[0]).toMatchObject({ format: "squid", records: 7 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals])).toEqual([
      ["10.100.0.31", "confirmed", { ksn: 1, update: 1 }],
      ["10.100.0.32", "likely", { activation: 1 }],
      ["10.100.0.34", "possible", { "web-visit": 1 }],
    ]);
    expect(r.findings[0]!.firstSeen).toBe("2024-10-05T12:06:40.100Z");
    expect(r.findings[1]!.evidence[0]!.locator).toBe("CONNECT TCP_DENIED/407");
  });

  it("takes the host out of URLs", () => {
    expect(hostOfUrl("http://user:pw@Dnl-01.geo.kaspersky.com:8080/x?y")).toBe("Dnl-01.geo.kaspersky.com");
    expect(hostOfUrl("activation-v2.kaspersky.com:443")).toBe("activation-v2.kaspersky.com");
    expect(hostOfUrl("http://[2001:db8::1]/")).toBe("2001:db8::1");
  });

  it("reads the real sample with no finding", async () => {
    const path = sharedFile("samples", "squid", "elastic-squid-test-access.log");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "squid", records: 100, issues: 0 });
    expect(r.findings).toEqual([]);
  });
});
