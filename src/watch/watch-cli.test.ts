import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/shared.js";

const BIN = join(ROOT, "bin", "offramp.js");
const posted: { event: string; finding: { host: string } }[] = [];
let failFirst = 1;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    if (failFirst-- > 0) {
      res.writeHead(503).end();
      return;
    }
    posted.push(JSON.parse(body));
    res.writeHead(200).end("ok");
  });
});
let hook = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/offramp`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const line = (time: string, name: string, client: string) =>
  `Oct 11 ${time} dnsmasq[9]: query[A] ${name} from ${client}\n`;

/** Lines of stdout as they come. */
function lines(child: ChildProcess): { next: (timeoutMs?: number) => Promise<string>; all: string[] } {
  const all: string[] = [];
  const waiters: ((l: string) => void)[] = [];
  let carry = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    carry += d;
    for (let i = carry.indexOf("\n"); i >= 0; i = carry.indexOf("\n")) {
      const l = carry.slice(0, i);
      carry = carry.slice(i + 1);
      all.push(l);
      waiters.shift()?.(l);
    }
  });
  let read = 0;
  return {
    all,
    next: (timeoutMs = 20_000) =>
      read < all.length
        ? Promise.resolve(all[read++]!)
        : new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error("no output in time")), timeoutMs);
            waiters.push((l) => {
              clearTimeout(t);
              read++;
              resolve(l);
            });
          }),
  };
}

describe("offramp watch (CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "offramp-watch-cli-"));
  const log = join(dir, "pihole.log");
  const state = join(dir, "state.json");
  const args = ["watch", log, "--state", state, "--interval", "50", "--year", "2024"];

  it("prints each new finding while the log grows, posts it to the webhook, and saves its place", async () => {
    writeFileSync(log, line("10:00:00", "www.example.org", "192.168.9.9"));
    const child = spawn(process.execPath, [BIN, ...args, "--from-start", "--webhook", hook], { cwd: ROOT });
    const out = lines(child);
    try {
      await new Promise((r) => setTimeout(r, 300));
      appendFileSync(log, line("10:00:01", "s02.upd.kaspersky.com", "192.168.9.10"));
      const first = JSON.parse(await out.next()) as {
        event: string;
        finding: { host: string; signals: object };
      };
      expect([first.event, first.finding.host, first.finding.signals]).toEqual([
        "new",
        "192.168.9.10",
        { update: 1 },
      ]);
      appendFileSync(log, line("10:00:02", "securelist.com", "192.168.9.11"));
      appendFileSync(log, line("10:00:03", "ksn-file.geoksn.kaspersky.com", "192.168.9.10"));
      const next = [JSON.parse(await out.next()), JSON.parse(await out.next())].map((e) => [
        e.event,
        e.finding.host,
      ]);
      expect(next.sort()).toEqual([
        ["new", "192.168.9.11"],
        ["upgraded", "192.168.9.10"],
      ]);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    expect(posted.map((e) => [e.event, e.finding.host]).sort()).toEqual([
      ["new", "192.168.9.10"],
      ["new", "192.168.9.11"],
      ["upgraded", "192.168.9.10"],
    ]);
    expect(existsSync(state)).toBe(true);
    expect(JSON.parse(readFileSync(state, "utf8")).files[log].position.line).toBe(4);
  }, 60_000);

  it("after a restart reads only what was appended meanwhile, and repeats nothing", () => {
    const again = spawnSync(process.execPath, [BIN, ...args, "--once"], { cwd: ROOT, encoding: "utf8" });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe("");
    appendFileSync(log, line("10:05:00", "activation-v2.kaspersky.com", "192.168.9.12"));
    const third = spawnSync(process.execPath, [BIN, ...args, "--once", "--format", "table"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(third.status).toBe(0);
    const rows = third.stdout.trim().split("\n");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      /new\s+likely\s+network\s+192\.168\.9\.12\s+kaspersky-unidentified\s+activation=1\s+after-cutoff/,
    );
  }, 60_000);
});
