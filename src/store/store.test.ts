import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalog } from "../../test/scan-helpers.js";
import { storeEngines } from "../../test/store-engines.js";
import { TextInput } from "../importers/input/text-input.js";
import { IMPORTERS } from "../importers/registry.js";
import type { Finding } from "../model/finding.js";
import { ingestInput } from "./ingest.js";
import { writeInput } from "./ingest-write.js";
import type { Store } from "./store.js";

const HEADER = "host,name,publisher,version\n";
const KES = "Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.10.0.399";
const CHROME = "Google Chrome,Google LLC,120.0";

function csv(rows: string[]): string {
  return HEADER + rows.map((r) => `${r}\n`).join("");
}

const day = (d: string) => new Date(`${d}T12:00:00Z`);

async function ingest(store: Store, name: string, text: string, observed: string, site?: string) {
  return ingestInput(
    { store, catalog, importers: IMPORTERS, profiles: ["us-private"] },
    {
      input: { name, open: () => TextInput.fromBuffer(name, text) },
      actor: "test",
      now: day(observed),
      observedAt: day(observed),
      ...(site && { site }),
    },
  );
}

/** A network log's result as the network importers produce it: client hosts and `network` findings. */
async function ingestTraffic(
  store: Store,
  file: string,
  host: string,
  ip: string,
  at: string,
  observed: string,
) {
  const finding: Finding = {
    id: "x",
    host,
    vendor: "kaspersky",
    product: "kaspersky-update-servers",
    productName: "Kaspersky update servers",
    kind: "indicator",
    scope: "covered",
    class: "network",
    confidence: "likely",
    basis: "update traffic",
    firstSeen: at,
    lastSeen: at,
    signals: { update: 3 },
    evidence: [
      {
        signature: "net-upd",
        weight: "strong",
        field: "domain",
        value: "dnl-01.geo.kaspersky.com",
        matched: "kaspersky.com",
        format: "zeek-dns",
        file,
        line: 9,
        at,
      },
    ],
    assessments: [],
  };
  return store.db.transaction((tx) =>
    writeInput(
      tx,
      {
        summary: {
          file,
          format: "zeek-dns",
          digest: `digest-of-${file}`,
          bytes: 100,
          encoding: "utf-8",
          records: 10,
          issues: 0,
        },
        role: "network",
        hosts: [
          {
            id: host,
            kind: "host",
            names: [host],
            ips: [ip],
            ids: [],
            platforms: [],
            sources: ["zeek-dns"],
            seenIn: ["network"],
            records: 10,
            findings: 1,
          },
        ],
        findings: [finding],
        suppressed: [],
        issues: [],
      },
      { actor: "test", observedAt: day(observed), now: day(observed), catalogVersion: "t" },
    ),
  );
}

async function counts(store: Store) {
  const n = async (table: string) =>
    (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const out: Record<string, number> = {};
  for (const t of [
    "inputs",
    "hosts",
    "host_aliases",
    "host_observations",
    "findings",
    "finding_observations",
    "evidence",
    "items",
    "item_events",
    "audit",
  ])
    out[t] = await n(t);
  return out;
}

describe.each(storeEngines())("store on $name", (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("ingests a file once: the same bytes again change nothing", async () => {
    const text = csv([`ws1.corp.example,${KES}`, `ws2.corp.example,${CHROME}`]);
    const first = await ingest(store, "a.csv", text, "2024-10-01");
    expect(first.status).toBe("ingested");
    expect(first.hosts).toEqual({ seen: 2, new: 2 });
    expect(first.findings).toEqual({ seen: 1, new: 1 });
    expect(first.items.opened).toBe(1);
    const before = await counts(store);
    const again = await ingest(store, "renamed.csv", text, "2024-10-05");
    expect(again.status).toBe("duplicate");
    expect(again.input.id).toBe(first.input.id);
    expect(await counts(store)).toEqual(before);
  });

  it("keeps one host across sources and names, with its dated history", async () => {
    await ingest(store, "sccm.csv", csv([`WS1,${KES}`]), "2024-10-01");
    await ingest(store, "intune.csv", csv([`ws1.corp.example,${CHROME}`]), "2024-10-03");
    const page = await store.hosts.list({ limit: 10 });
    expect(page.total).toBe(1);
    const host = page.items[0]!;
    expect(host.key).toBe("ws1");
    expect(host.names).toEqual(["WS1", "ws1.corp.example"]);
    expect(host.firstSeen).toBe("2024-10-01T12:00:00.000Z");
    expect(host.lastSeen).toBe("2024-10-03T12:00:00.000Z");
    const detail = (await store.hosts.get("ws1"))!;
    expect(detail.aliases).toEqual(["fqdn:ws1.corp.example", "short:ws1"]);
    const history = await store.hosts.observations(detail.id);
    expect(history.map((o) => [o.file, o.observedAt])).toEqual([
      ["intune.csv", "2024-10-03T12:00:00.000Z"],
      ["sccm.csv", "2024-10-01T12:00:00.000Z"],
    ]);
  });

  it("does not merge two FQDNs that share a short name", async () => {
    await ingest(store, "a.csv", csv([`ws1.a.example,${CHROME}`]), "2024-10-01");
    await ingest(store, "b.csv", csv([`ws1.b.example,${CHROME}`]), "2024-10-02");
    const keys = (await store.hosts.list({ limit: 10 })).items.map((h) => h.key);
    expect(keys).toEqual(["ws1.a.example", "ws1.b.example"]);
  });

  it("merges findings of one host+product+class across inputs under one stable id", async () => {
    const a = await ingest(store, "a.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    await ingest(
      store,
      "b.csv",
      csv([`ws1.corp.example,${KES}`, `ws1.corp.example,${CHROME}`]),
      "2024-10-02",
    );
    expect(a.findings.new).toBe(1);
    const page = await store.findings.list({ limit: 10, evidence: 10 });
    expect(page.total).toBe(1);
    const f = page.items[0]!;
    expect(f.host).toBe("ws1.corp.example");
    expect(f.product).toBe("kaspersky-endpoint-security-windows");
    expect(f.evidence.map((e) => e.file)).toEqual(
      ["b.csv", "b.csv", "a.csv", "a.csv"].slice(0, f.evidence.length),
    );
    expect(f.firstObserved).toBe("2024-10-01T12:00:00.000Z");
    expect(f.lastObserved).toBe("2024-10-02T12:00:00.000Z");
    expect((await store.findings.sightings(f.id)).map((s) => s.file)).toEqual(["a.csv", "b.csv"]);
  });

  it("verifies absence from a later inventory and reopens on reappearance, saying so", async () => {
    await ingest(store, "d1.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    const item = (await store.campaign.list({ limit: 10 }, day("2024-10-01"))).items[0]!;
    expect(item.state).toBe("open");
    expect(item.due).toBe(item.defaultDue);

    // an inventory of another host proves nothing about ws1
    await ingest(store, "other.csv", csv([`ws9.corp.example,${CHROME}`]), "2024-10-03");
    expect((await store.campaign.get(item.id, day("2024-10-03")))!.state).toBe("open");

    const gone = await ingest(store, "d5.csv", csv([`ws1.corp.example,${CHROME}`]), "2024-10-05");
    expect(gone.items.verified).toBe(1);
    const verified = (await store.campaign.get(item.id, day("2024-10-05")))!;
    expect(verified.state).toBe("verified-absent");
    expect(verified.verifiedAt).toBe("2024-10-05T12:00:00.000Z");
    expect((await store.hosts.get("ws1.corp.example"))!.status).toBe("resolved");

    await store.campaign.transition(item.id, { action: "close" }, "alice", day("2024-10-06"));
    const back = await ingest(
      store,
      "d8.csv",
      csv([`ws1.corp.example,${KES}`, `ws1.corp.example,${CHROME}`]),
      "2024-10-08",
    );
    expect(back.items.reopened).toBe(1);
    const reopened = (await store.campaign.get(item.id, day("2024-10-08")))!;
    expect(reopened.state).toBe("open");
    expect(reopened.note).toMatch(/^reappeared: seen again in d8\.csv/);
    const events = await store.campaign.events(item.id);
    expect(events.map((e) => [e.action, e.to])).toEqual([
      ["detect", "open"],
      ["verify", "verified-absent"],
      ["close", "closed"],
      ["reappear", "open"],
    ]);
  });

  it("an older export ingested late does not undo a verification made after it", async () => {
    await ingest(store, "d1.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    await ingest(store, "d5.csv", csv([`ws1.corp.example,${CHROME}`]), "2024-10-05");
    const backfill = await ingest(store, "d3.csv", csv([`ws1.corp.example,${KES}`, "x,y,z,1"]), "2024-10-03");
    expect(backfill.items.reopened).toBe(0);
    const item = (await store.campaign.list({ limit: 1 }, day("2024-10-06"))).items[0]!;
    expect(item.state).toBe("verified-absent");
    expect(item.lastSeen).toBe("2024-10-03T12:00:00.000Z");
  });

  it("refuses a manual verify without evidence, and walks the states with an owner", async () => {
    await ingest(store, "d1.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    const id = (await store.campaign.list({ limit: 1 }, day("2024-10-01"))).items[0]!.id;
    await expect(
      store.campaign.transition(id, { action: "verify" }, "bob", day("2024-10-02")),
    ).rejects.toMatchObject({
      code: "needs-evidence",
    });
    await expect(
      store.campaign.transition(id, { action: "schedule" }, "bob", day("2024-10-02")),
    ).rejects.toMatchObject({ code: "invalid-transition" });
    const assigned = await store.campaign.transition(
      id,
      { action: "assign", owner: "carol", due: "2024-10-20" },
      "bob",
      day("2024-10-02"),
    );
    expect([assigned.state, assigned.owner, assigned.due]).toEqual(["assigned", "carol", "2024-10-20"]);
    const scheduled = await store.campaign.transition(
      id,
      { action: "schedule", date: "2024-10-10" },
      "carol",
      day("2024-10-03"),
    );
    expect(scheduled.state).toBe("removal-scheduled");
    expect((await store.campaign.list({ limit: 10, owner: "carol" }, day("2024-10-03"))).total).toBe(1);
    expect((await store.campaign.list({ limit: 10, overdue: true }, day("2024-10-21"))).total).toBe(1);
  });

  it("reopens a waiver by itself when it expires, dated at the expiry", async () => {
    await ingest(store, "d1.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    const id = (await store.campaign.list({ limit: 1 }, day("2024-10-01"))).items[0]!.id;
    await expect(
      store.campaign.transition(
        id,
        { action: "waive", reason: "x", until: "2024-09-01" },
        "dan",
        day("2024-10-02"),
      ),
    ).rejects.toMatchObject({ code: "bad-request" });
    const waived = await store.campaign.transition(
      id,
      { action: "waive", reason: "air-gapped lab, replacement ordered", until: "2024-10-10T00:00:00Z" },
      "dan",
      day("2024-10-02"),
    );
    expect(waived.waiver).toEqual({
      reason: "air-gapped lab, replacement ordered",
      by: "dan",
      until: "2024-10-10T00:00:00.000Z",
    });
    expect((await store.hosts.get("ws1.corp.example"))!.status).toBe("waived");
    expect(await store.campaign.expireWaivers(day("2024-10-09"))).toBe(0);
    expect(await store.campaign.expireWaivers(day("2024-10-11"))).toBe(1);
    const item = (await store.campaign.get(id, day("2024-10-11")))!;
    expect(item.state).toBe("open");
    expect(item.note).toMatch(/^waiver expired 2024-10-10T00:00:00.000Z \(waived by dan: air-gapped lab/);
    const last = (await store.campaign.events(id)).at(-1)!;
    expect([last.actor, last.action, last.at]).toEqual([
      "system",
      "waiver-expired",
      "2024-10-10T00:00:00.000Z",
    ]);
    expect((await store.hosts.get("ws1.corp.example"))!.status).toBe("affected");
  });

  it("a network indicator after the clean inventory blocks verification until a newer inventory", async () => {
    await ingest(store, "d1.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    // traffic during the removal window does not matter once a later inventory is clean
    await ingestTraffic(
      store,
      "dns-d2.log",
      "ws1.corp.example",
      "10.0.0.5",
      "2024-10-02T08:00:00Z",
      "2024-10-02",
    );
    await ingest(store, "d4.csv", csv([`ws1.corp.example,${CHROME}`]), "2024-10-04");
    const installed = (
      await store.campaign.list(
        { limit: 10, product: "kaspersky-endpoint-security-windows" },
        day("2024-10-04"),
      )
    ).items[0]!;
    expect(installed.state).toBe("verified-absent");
    // update traffic after that inventory reopens the item, with the reason
    const late = await ingestTraffic(
      store,
      "dns-d6.log",
      "ws1.corp.example",
      "10.0.0.5",
      "2024-10-06T01:00:00Z",
      "2024-10-06",
    );
    expect(late.items.reopened).toBeGreaterThanOrEqual(1);
    const reopened = (await store.campaign.get(installed.id, day("2024-10-06")))!;
    expect(reopened.state).toBe("open");
    expect(reopened.note).toMatch(/network indicator was seen from the host at 2024-10-06T01:00:00.000Z/);
    // a newer clean inventory with no traffic since settles it again
    await ingest(
      store,
      "d8.csv",
      csv([`ws1.corp.example,${CHROME}`, `ws1.corp.example,Zoom,Zoom,5`]),
      "2024-10-08",
    );
    expect((await store.campaign.get(installed.id, day("2024-10-08")))!.state).toBe("verified-absent");
    // the traffic opened an item of its own, on the same host
    const hosts = await store.hosts.list({ limit: 10 });
    expect(hosts.items.map((h) => [h.key, h.ips])).toEqual([["ws1.corp.example", ["10.0.0.5"]]]);
  });

  it("a network-only sighting by address joins the host an inventory gave that address", async () => {
    await ingest(
      store,
      "inv.csv",
      "host,ip,name,publisher,version\nws7.corp.example,10.1.1.7,Google Chrome,Google,1\n",
      "2024-10-01",
    );
    await ingestTraffic(store, "dns.log", "10.1.1.7", "10.1.1.7", "2024-10-02T00:00:00Z", "2024-10-02");
    const page = await store.hosts.list({ limit: 10 });
    expect(page.items.map((h) => h.key)).toEqual(["ws7.corp.example"]);
    expect(page.items[0]!.seenIn).toEqual(["inventory", "network"]);
  });

  it("gives a new item the regime deadline as its default due date", async () => {
    // before the BIS cut-off, us-private says: wind down by 2024-09-29
    await ingest(store, "aug.csv", csv([`ws1.corp.example,${KES}`]), "2024-09-01");
    const item = (await store.campaign.list({ limit: 1 }, day("2024-09-01"))).items[0]!;
    expect([item.due, item.defaultDue]).toEqual(["2024-09-29", "2024-09-29"]);
    expect((await store.campaign.list({ limit: 1, overdue: true }, day("2024-10-01"))).total).toBe(1);
    const assigned = await store.campaign.transition(
      item.id,
      { action: "assign", owner: "ops" },
      "x",
      day("2024-09-02"),
    );
    expect(assigned.due).toBe("2024-09-29");
  });

  it("keeps the audit log append-only", async () => {
    await ingest(store, "d1.csv", csv([`ws1.corp.example,${KES}`]), "2024-10-01");
    const log = await store.audit.list({ limit: 100 });
    expect(log.items.map((e) => e.action)).toEqual(["item.detect", "input.ingest"]);
    await expect(store.db.query("UPDATE audit SET actor = 'mallory'")).rejects.toThrow(/append-only/);
    await expect(store.db.query("DELETE FROM audit")).rejects.toThrow(/append-only/);
    await expect(store.db.query("DELETE FROM item_events")).rejects.toThrow(/append-only/);
  });

  it("counts items per day for the burn-down", async () => {
    await ingest(
      store,
      "d1.csv",
      csv([`ws1.corp.example,${KES}`, `ws2.corp.example,${KES}`]),
      "2024-10-01",
      "berlin",
    );
    const ids = (await store.campaign.list({ limit: 10 }, day("2024-10-01"))).items.map((i) => i.id);
    await store.campaign.transition(ids[0]!, { action: "assign", owner: "erin" }, "x", day("2024-10-02"));
    await ingest(store, "d3.csv", csv([`ws1.corp.example,${CHROME}`]), "2024-10-03");
    const b = await store.burndown("status", "2024-09-30", "2024-10-04");
    expect(b.days).toEqual(["2024-09-30", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04"]);
    expect(b.open).toEqual([0, 2, 2, 1, 1]);
    const byState = Object.fromEntries(b.series.map((s) => [s.key, s.counts]));
    expect(byState).toEqual({
      open: [0, 2, 1, 1, 1],
      assigned: [0, 0, 1, 0, 0],
      "verified-absent": [0, 0, 0, 1, 1],
    });
    const bySite = await store.burndown("site", "2024-10-01", "2024-10-03");
    expect(bySite.series).toEqual([{ key: "berlin", counts: [2, 2, 1] }]);
    const byOwner = await store.burndown("owner", "2024-10-01", "2024-10-03");
    expect(byOwner.series).toEqual([
      { key: "(unassigned)", counts: [2, 1, 1] },
      { key: "erin", counts: [0, 1, 0] },
    ]);
  });

  it("filters and pages the host list", async () => {
    const rows = Array.from(
      { length: 25 },
      (_, i) => `h${String(i).padStart(2, "0")}.corp.example,${i % 5 === 0 ? KES : CHROME}`,
    );
    await ingest(store, "many.csv", csv(rows), "2024-10-01", "paris");
    await store.hosts.patch("h05.corp.example", { owner: "frank" }, "x", day("2024-10-02"));
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.hosts.list({ limit: 10, ...(cursor && { cursor }) });
      expect(page.total).toBe(25);
      all.push(...page.items.map((h) => h.key));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(25);
    expect(new Set(all).size).toBe(25);
    const affected = await store.hosts.list({ limit: 50, status: "affected" });
    expect(affected.items.map((h) => h.key)).toEqual(
      ["h00", "h05", "h10", "h15", "h20"].map((h) => `${h}.corp.example`),
    );
    const byProduct = await store.hosts.list({ limit: 50, product: "kaspersky-endpoint-security-windows" });
    expect(byProduct.total).toBe(5);
    expect((await store.hosts.list({ limit: 50, owner: "frank" })).items.map((h) => h.key)).toEqual([
      "h05.corp.example",
    ]);
    expect((await store.hosts.list({ limit: 50, site: "paris", status: "clean" })).total).toBe(20);
    expect((await store.hosts.list({ limit: 50, seenSince: "2024-10-02T00:00:00Z" })).total).toBe(0);
    expect((await store.hosts.list({ limit: 50, q: "H1" })).total).toBe(10);
  });
});
