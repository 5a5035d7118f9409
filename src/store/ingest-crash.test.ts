import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { finished, offramp } from "../../test/offramp-child.js";
import { Store } from "./store.js";

const KES = "Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.10.0.399";
async function counts(dir: string) {
  const store = await Store.open({ dataDir: dir });
  try {
    const out: Record<string, number> = {};
    for (const t of [
      "inputs",
      "hosts",
      "findings",
      "evidence",
      "items",
      "item_events",
      "audit",
      "host_observations",
    ]) {
      out[t] = (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n;
    }
    return out;
  } finally {
    await store.close();
  }
}

describe("a crash in the middle of an ingest", () => {
  const dir = mkdtempSync(join(tmpdir(), "offramp-crash-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the workspace as it was, and the next ingest of that file succeeds", {
    timeout: 300_000,
  }, async () => {
    const data = join(dir, "ws");
    const small = join(dir, "small.csv");
    writeFileSync(small, `host,name,publisher,version\nws-a.corp.example,${KES}\n`);
    const first = await finished(offramp(["ingest", small, "--data", data]));
    expect(first.code).toBe(0);
    const before = await counts(data);
    expect(before.inputs).toBe(1);

    // large enough that its one transaction takes seconds on the embedded engine
    const big = join(dir, "big.csv");
    const rows = Array.from({ length: 20_000 }, (_, i) => `crash-${i}.corp.example,${KES}`);
    writeFileSync(big, `host,name,publisher,version\n${rows.join("\n")}\n`);
    const child = offramp(["ingest", big, "--data", data]);
    const done = finished(child);
    await new Promise<void>((resolve, reject) => {
      let err = "";
      child.stderr!.on("data", (d) => {
        err += d;
        if (err.includes("offramp: storing")) resolve();
      });
      child.on("exit", () => reject(new Error(`the child ended before storing: ${err}`)));
    });
    await new Promise((r) => setTimeout(r, 400));
    child.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.out).not.toContain("ingested as input");

    expect(await counts(data)).toEqual(before);

    const again = await finished(offramp(["ingest", big, "--data", data]));
    expect(again.code).toBe(0);
    expect(again.out).toContain("ingested as input");
    const after = await counts(data);
    expect(after.inputs).toBe(2);
    expect(after.hosts).toBe(before.hosts! + 20_000);
    expect(after.items).toBe(before.items! + 20_000);
  });
});
