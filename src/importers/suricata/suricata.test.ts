import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "eve-kaspersky.json");

describe("suricata importer", () => {
  it("reads dns v1, v2 and v3, tls, http and flow events, each lookup once", async () => {
    const r = await scanFile(fixture);
    expect(r.inputs[0]).toMatchObject({ format: "suricata", records: 20, issues: 0 });
    const byHost = Object.fromEntries(r.findings.map((f) => [f.host, [f.product, f.confidence, f.signals]]));
    expect(byHost).toEqual({
      "10.50.0.11": ["kaspersky-unidentified", "likely", { update: 1 }],
      "10.50.0.12": ["kaspersky-unidentified", "likely", { ksn: 1 }],
      "10.50.0.13": ["kaspersky-unidentified", "likely", { activation: 1 }],
      "10.50.0.14": ["kaspersky-unidentified", "likely", { update: 1 }],
      "10.50.0.15": ["kaspersky-unidentified", "likely", { update: 1 }],
      "10.50.0.16": ["kaspersky-unidentified", "likely", { interception: 1 }],
      "10.50.0.17": ["kaspersky-unidentified", "possible", { telemetry: 1 }],
      "10.50.0.19": ["kaspersky-website-visit", "possible", { "web-visit": 1 }],
      "10.50.0.2": ["kaspersky-security-center", "likely", { management: 3 }],
    });
  });

  it("normalises +HHMM offsets to UTC and flags the resolver fallback", async () => {
    const r = await scanFile(fixture);
    const f = (host: string) => r.findings.find((x) => x.host === host)!;
    expect(f("10.50.0.11").firstSeen).toBe("2024-09-30T08:00:00.100Z");
    expect(f("10.50.0.14").firstSeen).toBe("2024-10-01T12:00:00.000Z");
    expect(f("10.50.0.12").evidence[0]?.resolver).toBe("9.9.9.9");
  });

  it("reports a broken line and keeps the others", async () => {
    const good =
      '{"timestamp":"2024-10-01T00:00:00+0000","flow_id":1,"event_type":"dns","src_ip":"10.0.0.1","src_port":5,"dest_ip":"10.0.0.2","dest_port":53,"proto":"UDP","dns":{"type":"query","id":1,"rrname":"s01.upd.kaspersky.com"}}';
    const r = await scan([
      {
        name: "eve.json",
        data: `${good}\n{"event_type":"dns","kaspersky":\nnot json at all\n${good.replace('"id":1', '"id":2')}\n`,
      },
    ]);
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ["eve-json", 2],
      ["eve-line", 3],
    ]);
    expect(r.findings[0]?.signals).toEqual({ update: 2 });
  });

  it("reads the real sample with no Kaspersky finding", async () => {
    const path = sharedFile("samples", "suricata", "mta-sunnystation-2022-02-23.eve.json");
    if (!path) return;
    const r = await scanFile(path);
    expect(r.inputs[0]).toMatchObject({ format: "suricata", records: 2325, issues: 0 });
    expect(r.findings).toEqual([]);
  });
});
