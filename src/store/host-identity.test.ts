import { describe, expect, it } from "vitest";
import { type AliasIndex, aliasesOf, freeKey, matchHost, type ScannedHost } from "./host-identity.js";

const host = (names: string[], extra: Partial<ScannedHost> = {}): ScannedHost => ({
  id: names[0] ?? "x",
  kind: "host",
  names,
  ips: [],
  ids: [],
  ...extra,
});

function index(entries: [string, number, boolean][]): AliasIndex {
  const m = new Map<string, { hostId: number; hasFqdn: boolean }[]>();
  for (const [alias, hostId, hasFqdn] of entries)
    m.set(alias, [...(m.get(alias) ?? []), { hostId, hasFqdn }]);
  return m;
}

describe("host identity across inputs", () => {
  it("derives aliases from names, addresses and device ids", () => {
    expect(aliasesOf(host(["WS1.Corp.Example."], { ips: ["10.0.0.1"], ids: ["ABC"] }))).toEqual({
      ids: ["id:abc"],
      fqdns: ["fqdn:ws1.corp.example"],
      shorts: ["short:ws1"],
      ips: ["ip:10.0.0.1"],
      assets: [],
    });
    expect(aliasesOf(host(["10.0.0.9"])).ips).toEqual(["ip:10.0.0.9"]);
    expect(aliasesOf({ id: "asset:app", kind: "asset", names: ["App"], ips: [], ids: [] }).assets).toEqual([
      "asset:app",
    ]);
  });

  it("matches by device id first, then FQDN", () => {
    const idx = index([
      ["id:abc", 1, false],
      ["fqdn:ws1.corp.example", 2, true],
    ]);
    expect(matchHost(aliasesOf(host(["ws1.corp.example"], { ids: ["abc"] })), idx)).toBe(1);
    expect(matchHost(aliasesOf(host(["ws1.corp.example"])), idx)).toBe(2);
  });

  it("joins a bare name to the one host that has it, and refuses to guess between two", () => {
    const one = index([
      ["short:ws1", 2, true],
      ["fqdn:ws1.a.example", 2, true],
    ]);
    expect(matchHost(aliasesOf(host(["WS1"])), one)).toBe(2);
    const two = index([
      ["short:ws1", 2, true],
      ["short:ws1", 3, true],
    ]);
    expect(matchHost(aliasesOf(host(["ws1"])), two)).toBeUndefined();
    // the bare host made for the ambiguous name is found again by that name
    const withBare = index([
      ["short:ws1", 2, true],
      ["short:ws1", 3, true],
      ["short:ws1", 4, false],
    ]);
    expect(matchHost(aliasesOf(host(["ws1"])), withBare)).toBe(4);
    // a new FQDN takes over a bare name only while no other FQDN claims that short name
    expect(matchHost(aliasesOf(host(["ws1.c.example"])), index([["short:ws1", 4, false]]))).toBe(4);
    expect(matchHost(aliasesOf(host(["ws1.c.example"])), withBare)).toBeUndefined();
  });

  it("joins an address-only sighting to the one host carrying the address, never a named one", () => {
    const idx = index([["ip:10.0.0.5", 7, true]]);
    expect(matchHost(aliasesOf(host([], { id: "10.0.0.5", ips: ["10.0.0.5"] })), idx)).toBe(7);
    expect(matchHost(aliasesOf(host(["other"], { ips: ["10.0.0.5"] })), idx)).toBeUndefined();
    const shared = index([
      ["ip:10.0.0.5", 7, true],
      ["ip:10.0.0.5", 8, true],
    ]);
    expect(matchHost(aliasesOf(host([], { id: "10.0.0.5", ips: ["10.0.0.5"] })), shared)).toBeUndefined();
  });

  it("numbers a key another host already holds", () => {
    expect(freeKey("ws1", new Set())).toBe("ws1");
    expect(freeKey("ws1", new Set(["ws1", "ws1#2"]))).toBe("ws1#3");
  });
});
