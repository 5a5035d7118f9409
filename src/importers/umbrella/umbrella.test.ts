import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "dnslogs.csv");

describe("umbrella importer", () => {
  it("reads 13- and 10-column rows, a space after the separator, blocked queries; names computers", async () => {
    const r = await scanFile(fixture);
    expect(r.inputs[0]).toMatchObject({ format: "umbrella", records: 6, issues: 0 });
    expect(r.findings.map((f) => [f.host, f.confidence, f.signals])).toEqual([
      ["10.90.0.43", "possible", { "web-visit": 1 }],
      ["ws-0142", "confirmed", { ksn: 1, update: 1 }],
    ]);
    expect(r.findings[1]!.evidence.map((e) => e.locator)).toEqual(["action=Allowed", "action=Blocked"]);
    expect(r.hosts.find((h) => h.id === "ws-0142")?.ips).toEqual(["10.90.0.42"]);
  });

  it("reads the real sample with no finding", async () => {
    const path = sharedFile("samples", "cisco-umbrella", "elastic-cisco_umbrella-test-umbrella-dnslogs.csv");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "umbrella", records: 15, issues: 0 });
    expect(r.findings).toEqual([]);
  });
});
