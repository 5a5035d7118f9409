import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "resolver-query.log");

describe("route53 importer", () => {
  it("reads query names with trailing dots, the instance id and DNS Firewall actions", async () => {
    const r = await scanFile(fixture);
    expect(r.inputs[0]).toMatchObject({ format: "route53", records: 5, issues: 0 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals, f.updateAfterCutoff])).toEqual([
      ["172.31.10.5", "confirmed", { ksn: 1, update: 1 }, true],
      ["172.31.10.7", "possible", { "web-visit": 1 }, false],
    ]);
    expect(r.findings[0]!.evidence[1]!.locator).toBe("firewall=BLOCK");
    expect(r.hosts.find((h) => h.id === "172.31.10.5")?.ids).toEqual(["i-0a1b2c3d4e5f60718"]);
  });

  it("reads the real sample with no finding", async () => {
    const path = sharedFile("samples", "route53-resolver", "elastic-aws-test-route53.log");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "route53", records: 34, issues: 0 });
    expect(r.findings).toEqual([]);
  });
});
