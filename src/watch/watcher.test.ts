import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load.js";
import { IMPORTERS } from "../importers/registry.js";
import { emptyState, loadState, saveState } from "./state.js";
import { Watcher } from "./watcher.js";

const catalog = loadCatalog();
const dir = () => mkdtempSync(join(tmpdir(), "offramp-watch-"));
const options = {
  importers: IMPORTERS,
  importOptions: { year: 2024 },
  now: () => new Date("2024-10-10T00:00:00Z"),
};
const brief = (events: Awaited<ReturnType<Watcher["poll"]>>) =>
  events.map((e) => [e.event, e.finding.host, e.finding.confidence, e.finding.signals]);

const q = (time: string, name: string, client: string) =>
  `Oct 10 ${time} dnsmasq[71314]: query[A] ${name} from ${client}\n`;

describe("Watcher", () => {
  it("reports a finding when it appears, again only when it grows stronger", async () => {
    const path = join(dir(), "pihole.log");
    writeFileSync(path, q("08:00:00", "www.google.com", "10.0.0.5"));
    const w = new Watcher(catalog, [path], emptyState(), { ...options, fromStart: true });
    expect(await w.poll()).toEqual([]);
    appendFileSync(path, q("08:00:01", "www.kaspersky.com", "10.0.0.5"));
    expect(brief(await w.poll())).toEqual([["new", "10.0.0.5", "possible", { "web-visit": 1 }]]);
    appendFileSync(path, q("08:00:02", "blog.kaspersky.com", "10.0.0.5"));
    expect(await w.poll()).toEqual([]);
    appendFileSync(path, q("08:00:03", "s01.upd.kaspersky.com", "10.0.0.5"));
    const up = await w.poll();
    // the visits alone were a finding of their own (not an install indicator); with an update the
    // host has a Kaspersky finding that takes the visits in as evidence: a new finding
    expect(brief(up)).toEqual([["new", "10.0.0.5", "likely", { update: 1, "web-visit": 2 }]]);
    expect(up[0]!.finding.evidence.map((e) => e.line)).toEqual([2, 3, 4]);
    w.close();
  });

  it("resumes from its state: no line read twice, none missed, nothing announced twice", async () => {
    const d = dir();
    const path = join(d, "pihole.log");
    const statePath = join(d, "state.json");
    writeFileSync(path, q("09:00:00", "ksn-url.geoksn.kaspersky.com", "10.0.0.7"));
    const first = new Watcher(catalog, [path], loadState(statePath), { ...options, fromStart: true });
    expect(brief(await first.poll())).toEqual([["new", "10.0.0.7", "likely", { ksn: 1 }]]);
    saveState(statePath, first.state);
    first.close();
    appendFileSync(path, q("09:00:01", "ksn-url.geoksn.kaspersky.com", "10.0.0.7"));
    appendFileSync(path, q("09:00:02", "activation-v2.kaspersky.com", "10.0.0.8"));
    const second = new Watcher(catalog, [path], loadState(statePath), options);
    const events = await second.poll();
    // the restart read lines 2 and 3 only: 10.0.0.7 is not new (one more KSN record, same confidence)
    expect(brief(events)).toEqual([["new", "10.0.0.8", "likely", { activation: 1 }]]);
    expect(events[0]!.finding.evidence[0]!.line).toBe(3);
    expect(JSON.parse(readFileSync(statePath, "utf8")).files[path].position.line).toBe(1);
    saveState(statePath, second.state);
    expect(loadState(statePath).files[path]?.position.line).toBe(3);
    second.close();
  });

  it("keeps Zeek's header to read lines appended after a start from the end", async () => {
    const path = join(dir(), "dns.log");
    const header = [
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      "#path\tdns",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring",
    ].join("\n");
    writeFileSync(path, `${header}\n1728547200.0\tC1\t10.1.1.1\t5000\t10.1.1.53\t53\tudp\twww.example.org\n`);
    const w = new Watcher(catalog, [path], emptyState(), options);
    expect(await w.poll()).toEqual([]);
    appendFileSync(path, "1728547201.5\tC2\t10.1.1.2\t5001\t8.8.8.8\t53\tudp\tdnl-04.geo.kaspersky.com\n");
    const events = await w.poll();
    expect(brief(events)).toEqual([["new", "10.1.1.2", "likely", { update: 1 }]]);
    expect(events[0]!.finding.evidence[0]).toMatchObject({
      line: 9,
      resolver: "8.8.8.8",
      at: "2024-10-10T08:00:01.500Z",
    });
    w.close();
  });
});
