import { describe, expect, it } from "vitest";
import { scan } from "../../test/scan-helpers.js";
import { HostRegistry } from "./hosts.js";

const CSV = [
  "host,name,publisher,version",
  "pc-01,Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,12.1",
  "pc-01,Notepad++,Notepad++ Team,8.6",
  "pc-01,Kaspersky Security Center Network Agent,AO Kaspersky Lab,14.2",
].join("\n");

describe("finding resolution", () => {
  it("keeps one piece of evidence when the same record is read twice", async () => {
    const once = await scan([{ name: "inv.csv", data: CSV }]);
    const twice = await scan([
      { name: "inv.csv", data: CSV },
      { name: "inv.csv", data: CSV },
    ]);
    expect(once.findings.length).toBeGreaterThan(0);
    expect(twice.findings.map((f) => f.evidence)).toEqual(once.findings.map((f) => f.evidence));
  });

  it("orders evidence by file, then line, whatever order the files came in", async () => {
    const r = await scan([
      { name: "b.csv", data: CSV },
      { name: "a.csv", data: CSV },
    ]);
    const kes = r.findings.find((f) => f.product === "kaspersky-endpoint-security-windows");
    expect(kes?.evidence.map((e) => `${e.file}:${e.line}:${e.field}`)).toEqual([
      "a.csv:2:name",
      "a.csv:2:publisher",
      "b.csv:2:name",
      "b.csv:2:publisher",
    ]);
  });
});

describe("host summaries", () => {
  it("merges a bare name into its one FQDN with sorted, distinct sources and platforms", () => {
    const hosts = new HostRegistry();
    hosts.touchName("pc-01.corp.example", "osquery", "inventory", "windows");
    hosts.touchName("pc-01.corp.example", "osquery", "inventory", "windows");
    hosts.touch({ name: "PC-01" }, "csv-inventory", "inventory");
    hosts.touch({ name: "PC-01" }, "zeek-dns", "network");
    hosts.touchName("lone", "csv-inventory", "inventory");
    const [lone, pc] = hosts.hosts();
    expect(pc).toEqual({
      id: "pc-01.corp.example",
      kind: "host",
      names: ["PC-01", "pc-01.corp.example"],
      ips: [],
      ids: [],
      platforms: ["windows"],
      sources: ["csv-inventory", "osquery", "zeek-dns"],
      seenIn: ["inventory", "network"],
      records: 4,
      findings: 0,
    });
    expect(lone).toMatchObject({ id: "lone", names: ["lone"], sources: ["csv-inventory"], records: 1 });
  });
});
