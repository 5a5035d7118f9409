import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

describe("wazuh", () => {
  it("reads the 4.x REST API: deb packages by package name, host by agent id", async () => {
    const r = await scanFile(fx("api-4x-syscollector-packages-ubuntu-kesl.json"));
    expect(productsByHost(r)).toEqual({ "id:wazuh-agent:003": ["kaspersky-endpoint-security-linux"] });
    const f = r.findings[0]!;
    expect(f.confidence).toBe("confirmed");
    expect(f.evidence.find((e) => e.field === "package")).toMatchObject({
      value: "kesl",
      line: 24,
      record: 2,
    });
    expect(r.hosts[0]!.platforms).toEqual(["linux"]);
    expect(r.inputs[0]).toMatchObject({ format: "wazuh", records: 3, issues: 0 });
  });

  it("reads 4.x Windows rows (format win) and takes --host as the agent's name", async () => {
    const r = await scanFile(fx("api-4x-syscollector-packages-windows-kes.json"), {
      importOptions: { host: "fin-lt-05" },
    });
    expect(productsByHost(r)).toEqual({ "fin-lt-05": ["kaspersky-endpoint-security-windows"] });
    expect(r.hosts[0]).toMatchObject({ ids: ["wazuh-agent:005"], platforms: ["windows"] });
  });

  it("reads a 5.x sync payload: host from its system record, a Delete is historical", async () => {
    const r = await scanFile(fx("sync-5x-items-windows-kes-upsert-network-agent-delete.json"));
    expect(r.findings.map((f) => [f.host, f.product, f.class])).toEqual([
      ["fin-ws-31", "kaspersky-endpoint-security-windows", "installed"],
      ["fin-ws-31", "kaspersky-network-agent", "historical"],
    ]);
    expect(r.hosts).toHaveLength(1);
    expect(r.hosts[0]!.platforms).toEqual(["windows"]);
    expect(r.inputs[0]!.records).toBe(5);
  });

  it("reads indexer documents as a search response and as one document per line", async () => {
    for (const name of [
      "indexer-search-response-packages-macos-rhel.json",
      "indexer-documents-packages.ndjson",
    ]) {
      const r = await scanFile(fx(name));
      expect(productsByHost(r)).toEqual({
        "mac-ux-07": ["kaspersky-safe-kids"],
        "rhel-app-11": ["kaspersky-network-agent"],
      });
      expect(r.hosts.map((h) => [h.id, h.ids, h.platforms])).toEqual([
        ["mac-ux-07", ["wazuh-agent:007"], ["macos"]],
        ["rhel-app-11", ["wazuh-agent:011"], ["linux"]],
      ]);
    }
  });

  it("keeps the packages before a damaged one", async () => {
    const data =
      '{"data": {"affected_items": [\n{"name": "kesl", "format": "deb", "agent_id": "009", "vendor": "AO Kaspersky Lab"},\n{"name": oops},\n{"name": "curl", "format": "deb", "agent_id": "009"},\n{"name": "trunc';
    const r = await scan([{ name: "cut.json", data }], { format: "wazuh" });
    expect(productsByHost(r)).toEqual({ "id:wazuh-agent:009": ["kaspersky-endpoint-security-linux"] });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, "wazuh-bad-json"],
      [5, "wazuh-bad-json"],
    ]);
    expect(r.inputs[0]!.records).toBe(4);
  });
});

describe("real Wazuh 5.x sync payloads (wazuh/wazuh benchmark dumps)", () => {
  it("reads both without a Kaspersky finding and counts every item", async () => {
    for (const [name, items, host] of [
      ["wazuh-manager_benchmark-vd_first_windows.json", 17, "windows-server-"],
      ["wazuh-manager_benchmark-vd_first_debian.json", 400, "wazuh-manager_benchmark-vd_first_debian"],
    ] as const) {
      const path = sharedFile("samples", "wazuh-syscollector", name);
      if (!path) continue;
      const r = await scanFile(path);
      expect(r.findings).toEqual([]);
      expect(r.inputs[0]).toMatchObject({ format: "wazuh", records: items, issues: 0 });
      expect(r.hosts.map((h) => h.id)).toEqual([host]);
    }
  });
});
