import { describe, expect, it } from "vitest";
import { catalog } from "../../test/scan-helpers.js";
import { storeEngines } from "../../test/store-engines.js";
import { TextInput } from "../importers/input/text-input.js";
import { IMPORTERS } from "../importers/registry.js";
import { ingestInput } from "./ingest.js";
import { scanResultFromStore } from "./report-source.js";
import type { Store } from "./store.js";

const day = (d: string) => new Date(`${d}T12:00:00Z`);
const KES = "Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.10.0.399";
const AGENT = "Kaspersky Security Center Network Agent,AO Kaspersky Lab,14.2";

const FILES: [string, string, string][] = [
  [
    "d1.csv",
    `host,name,publisher,version\nws1.corp.example,${KES}\nws2.corp.example,${AGENT}\nWS3,${KES}\n`,
    "2024-10-01",
  ],
  [
    "d2.csv",
    `host,ip,name,publisher,version\nws3.corp.example,10.0.0.3,${KES}\nws4,10.0.0.4,Zoom,Zoom,5\n`,
    "2024-10-02",
  ],
  [
    "d4.csv",
    `host,name,publisher,version\nws1.corp.example,Zoom,Zoom,5\nws2.corp.example,${AGENT}\n`,
    "2024-10-04",
  ],
];

/** One scenario, every answer the API gives, as plain data. */
async function scenario(store: Store) {
  for (const [name, text, observed] of FILES) {
    await ingestInput(
      { store, catalog, importers: IMPORTERS, profiles: ["us-private"] },
      {
        input: { name, open: () => TextInput.fromBuffer(name, text) },
        actor: "t",
        now: day(observed),
        observedAt: day(observed),
      },
    );
  }
  const items = await store.campaign.list({ limit: 100 }, day("2024-10-05"));
  const open = items.items.find((i) => i.state === "open")!;
  await store.campaign.transition(open.id, { action: "assign", owner: "ops" }, "ana", day("2024-10-05"));
  await store.campaign.transition(
    open.id,
    { action: "waive", reason: "lab", until: "2024-10-07T00:00:00Z" },
    "ana",
    day("2024-10-05"),
  );
  await store.campaign.expireWaivers(day("2024-10-08"));
  return {
    hosts: await store.hosts.list({ limit: 100 }),
    affected: await store.hosts.list({ limit: 100, status: "affected" }),
    findings: await store.findings.list({ limit: 100, evidence: 100 }),
    items: await store.campaign.list({ limit: 100 }, day("2024-10-08")),
    events: await Promise.all(items.items.map((i) => store.campaign.events(i.id))),
    burndown: await store.burndown("status", "2024-09-30", "2024-10-08"),
    byOwner: await store.burndown("owner", "2024-09-30", "2024-10-08"),
    audit: (await store.audit.list({ limit: 1000 })).items.map(({ at: _at, ...e }) => e),
    report: await scanResultFromStore(store.db),
  };
}

describe("PGlite and PostgreSQL", () => {
  const engines = storeEngines();
  it.skipIf(engines.length < 2)("give the same answers to the same inputs and actions", async () => {
    const answers = [];
    for (const engine of engines) {
      const store = await engine.open();
      try {
        answers.push(await scenario(store));
      } finally {
        await store.close();
      }
    }
    expect(answers[0]!.items.total).toBeGreaterThan(0);
    expect(answers[1]).toEqual(answers[0]);
  });
});
