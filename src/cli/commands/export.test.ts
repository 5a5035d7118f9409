import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../../test/shared.js";
import { EXPORTERS } from "../../report/export/index.js";

const BIN = join(ROOT, "bin", "offramp.js");

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("offramp export", () => {
  it("--list names every target and its file", () => {
    const r = run(["export", "--list"]);
    expect(r.code).toBe(0);
    for (const e of EXPORTERS)
      expect(r.out).toMatch(new RegExp(`^${e.id}\\s+${e.file.replace(/\./g, "\\.")}\\s`, "m"));
  });

  it("writes a target to standard output or to -o FILE, the same bytes either way", () => {
    const out = run(["export", "rpz"]);
    expect(out.code).toBe(0);
    expect(out.out).toContain("$TTL 300");
    const file = join(mkdtempSync(join(tmpdir(), "offramp-export-cli-")), "k.rpz");
    const written = run(["export", "rpz", "-o", file]);
    expect(written.code).toBe(0);
    expect(written.err).toContain(file);
    expect(readFileSync(file, "utf8")).toBe(out.out);
  });

  it("--no-include-low leaves low-confidence rows out", () => {
    const all = run(["export", "hosts"]).out;
    const strict = run(["export", "hosts", "--no-include-low"]).out;
    expect(all).toContain("telemetry.kaspersky.com");
    expect(strict).not.toContain("0.0.0.0 telemetry.kaspersky.com");
  });

  it("rejects an unknown target or signal with exit 2 and the list", () => {
    const r = run(["export", "nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown export target");
    expect(r.err).toContain("suricata");
    expect(run(["export", "rpz", "--signals", "bogus"]).code).toBe(2);
    expect(run(["export"]).code).toBe(2);
  });
});
