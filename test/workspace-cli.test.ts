import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./offramp-child.js";

const KES = "Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.10.0.399";

describe("offramp ingest, campaign and token", () => {
  const dir = mkdtempSync(join(tmpdir(), "offramp-cli-"));
  const data = join(dir, "ws");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps a workspace from the terminal: ingest once, move items, prove removal, report", {
    timeout: 300_000,
  }, async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    writeFileSync(a, `host,name,publisher,version\nws1.corp.example,${KES}\nws2.corp.example,Zoom,Zoom,5\n`);
    writeFileSync(b, "host,name,publisher,version\nws1.corp.example,Zoom,Zoom,5\n");
    const ws = ["--data", data];

    const first = await run(["ingest", a, ...ws, "--observed-at", "2024-10-01", "--site", "berlin"]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /a\.csv: ingested as input 1 .* 2 hosts \(2 new\), 1 findings \(1 new\); items 1 opened/,
    );
    const again = await run(["ingest", a, ...ws]);
    expect(again.out).toMatch(/already in the workspace \(input 1\), nothing changed/);

    const list = await run(["campaign", "list", "--json", ...ws]);
    const items = list.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(items).toHaveLength(1);
    const id = items[0].id as string;
    expect(items[0]).toMatchObject({ host: "ws1.corp.example", state: "open", site: "berlin" });

    const assign = await run(["campaign", "assign", id, "--owner", "ops", "--as", "alice", ...ws]);
    expect(assign.out).toMatch(/assigned\s+ws1\.corp\.example/);
    const verify = await run(["campaign", "verify", id, ...ws]);
    expect(verify.code).toBe(1);
    expect(verify.err).toMatch(/needs-evidence: not verified: no inventory of the host since/);

    const later = await run(["ingest", b, ...ws, "--observed-at", "2024-10-05"]);
    expect(later.out).toMatch(/1 verified absent/);
    const close = await run(["campaign", "close", id, ...ws]);
    expect(close.out).toMatch(/^[0-9a-f]{16} closed/);
    const show = await run(["campaign", "show", id, ...ws]);
    expect(show.out).toMatch(/ detect .*: found in .*a\.csv/);
    expect(show.out).toMatch(/ assign .*open → assigned .*alice/);
    expect(show.out).toMatch(/ verify .*assigned → verified-absent .*absent from the inventory .*b\.csv/);
    expect(show.out).toMatch(/ close .*verified-absent → closed/);

    const html = join(dir, "report.html");
    const report = await run([
      "campaign",
      "report",
      "--format",
      "html",
      "-o",
      html,
      "--as-of",
      "2024-10-06",
      ...ws,
    ]);
    expect(report.code).toBe(0);
    const page = readFileSync(html, "utf8");
    expect(page).toContain('id="burn-down"');
    expect(page).toContain("<svg");

    const burn = await run(["campaign", "burndown", "--from", "2024-10-01", "--to", "2024-10-06", ...ws]);
    // the people acted today; the observations are dated in 2024
    expect(burn.out.split("\n").slice(0, 2)).toEqual([
      "day\tactive\topen\tverified-absent",
      "2024-10-01\t1\t1\t0",
    ]);

    const token = await run(["token", "create", "--role", "viewer", "--name", "dashboard", ...ws]);
    expect(token.out.trim()).toMatch(/^ofr_[A-Za-z0-9_-]{43}$/);
    const tokens = await run(["token", "list", ...ws]);
    expect(tokens.out).toMatch(/1\s+viewer\s+dashboard\s+last used never/);
    expect(tokens.out).not.toContain(token.out.trim());
    const bad = await run(["token", "create", "--role", "root", ...ws]);
    expect(bad.code).toBe(2);
  });
});
