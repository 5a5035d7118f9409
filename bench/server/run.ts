/**
 * Server benchmark: ingest a synthetic estate through the HTTP API on loopback, then time the host
 * list at that size. The server is `offramp serve` in its own process (the built CLI); this process
 * is the client, generating each CSV file on the fly and streaming it as the request body.
 *
 *   npx tsx bench/server/run.ts [--hosts 100000] [--rows-per-host 100] [--files 50] [--parallel 2]
 *                               [--passes 1] [--queries 100] [--database-url postgres://…]
 *                               [--data DIR [--no-ingest]]   (keep the workspace, or time a kept one)
 *                               [--baseline-url postgres://…]  (where the psql \copy baseline loads)
 *
 * Prints inventory rows/s and observations/s for the ingest, p50/p99 latency of the host list per
 * filter, the server's peak RSS, and a baseline: the same rows loaded raw into PostgreSQL with
 * `psql \copy` (what a team would do with the exports and no tool), when a PostgreSQL URL is given.
 * Aims (issue 6): ≥ 50,000 inventory rows/s; host list p99 < 100 ms.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { type EstateOptions, fileChunks, hostName, siteOfFile } from "./estate.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}

const estate: EstateOptions = {
  hosts: Number(arg("hosts", "100000")),
  rowsPerHost: Number(arg("rows-per-host", "100")),
  files: Number(arg("files", "50")),
  sites: 20,
  kasperskyShare: 0.05,
};
const parallel = Number(arg("parallel", "2"));
const passes = Number(arg("passes", "1"));
const queriesPerFilter = Number(arg("queries", "100"));
const databaseUrl = arg("database-url", "");
/** Where the psql \copy baseline loads the raw rows (defaults to --database-url). */
const baselineUrl = arg("baseline-url", databaseUrl);
/** Keep (or reuse) the embedded workspace folder; `--no-ingest` times the host list on it alone. */
const keepData = arg("data", "");
const ingest = !process.argv.includes("--no-ingest");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: Math.max(4, parallel) });

function call(
  port: number,
  token: string,
  method: string,
  path: string,
  body?: Iterable<string>,
): Promise<{ status: number; text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body && { "content-type": "text/csv", "transfer-encoding": "chunked" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    if (!body) {
      req.end();
      return;
    }
    const chunks = body[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

function startServer(port: number, token: string, data: string, env: NodeJS.ProcessEnv): ChildProcess {
  const main = pathToFileURL(join(root, "dist/cli/main.js")).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv);`;
  const args = ["serve", "--port", String(port), "--rate-limit", "0", "--quiet", "--max-upload-mb", "4096"];
  return spawn(
    process.execPath,
    ["--max-old-space-size=4096", "--input-type=module", "-e", script, "offramp", ...args, "--data", data],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...env, OFFRAMP_BOOTSTRAP_TOKEN: token } },
  );
}

async function waitReady(port: number, token: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await call(port, token, "GET", "/api/v1/ready");
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become ready");
}

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

interface Summary {
  status: string;
  input: { records: number };
  hosts: { seen: number };
  findings: { seen: number };
  items: { opened: number; verified: number; reopened: number };
}

async function ingestPass(port: number, token: string, pass: number) {
  const observedAt = pass === 1 ? "2024-10-01" : "2024-10-15";
  let next = 0;
  const totals = { records: 0, hosts: 0, findings: 0, opened: 0, verified: 0, perFileMs: [] as number[] };
  const worker = async () => {
    for (let f = next++; f < estate.files; f = next++) {
      const site = siteOfFile(estate, f);
      const r = await call(
        port,
        token,
        "POST",
        `/api/v1/inputs?name=inventory-pass${pass}-${String(f).padStart(3, "0")}.csv&observedAt=${observedAt}&site=${site}`,
        fileChunks(estate, f, pass),
      );
      if (r.status !== 201) throw new Error(`upload ${f}: ${r.status} ${r.text.slice(0, 300)}`);
      const s = JSON.parse(r.text) as Summary;
      totals.records += s.input.records;
      totals.hosts += s.hosts.seen;
      totals.findings += s.findings.seen;
      totals.opened += s.items.opened;
      totals.verified += s.items.verified;
      totals.perFileMs.push(r.ms);
      process.stderr.write(
        `\rpass ${pass}: ${totals.perFileMs.length}/${estate.files} files, ${totals.records.toLocaleString("en")} rows`,
      );
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: parallel }, worker));
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write("\n");
  return { ...totals, seconds };
}

async function hostListLatency(port: number, token: string) {
  const first = JSON.parse((await call(port, token, "GET", "/api/v1/hosts?limit=50")).text) as {
    next: string;
    total: number;
  };
  const filters: Record<string, string> = {
    "first page": "limit=50",
    "status=affected": "status=affected&limit=50",
    "status=clean": "status=clean&limit=50",
    "product=kes": "product=kaspersky-endpoint-security-windows&limit=50",
    "site=site-07": "site=site-07&limit=50",
    seenSince: "seenSince=2024-10-01T00:00:00Z&limit=50",
    "site+status": "site=site-03&status=affected&limit=50",
    "q=prefix": `q=${hostName(estate, 4242).slice(0, 8)}&limit=50`,
    "page 2 (cursor)": `limit=50&cursor=${first.next}`,
  };
  const out: Record<string, { cold: number; p50: number; p99: number; total: number }> = {};
  const all: number[] = [];
  for (const [label, query] of Object.entries(filters)) {
    const ms: number[] = [];
    let total = 0;
    for (let i = 0; i < queriesPerFilter; i++) {
      const r = await call(port, token, "GET", `/api/v1/hosts?${query}`);
      if (r.status !== 200) throw new Error(`${label}: ${r.status} ${r.text.slice(0, 200)}`);
      total = (JSON.parse(r.text) as { total: number }).total;
      ms.push(r.ms);
    }
    all.push(...ms);
    // the first request of a filter counts its total; the rest reuse the count until a write
    out[label] = { cold: ms[0]!, p50: pct(ms, 50), p99: pct(ms, 99), total };
  }
  return { perFilter: out, p50: pct(all, 50), p99: pct(all, 99), hosts: first.total, requests: all.length };
}

/** The no-tool baseline: the same rows loaded raw into a PostgreSQL table with psql's \copy. */
async function psqlCopyBaseline(url: string): Promise<number> {
  const table = `offramp_bench_raw_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE UNLOGGED TABLE ${table} (host text, name text, publisher text, version text)`);
    const t0 = performance.now();
    for (let f = 0; f < estate.files; f++) {
      const input = [...fileChunks(estate, f, 1)].join("");
      execFileSync("psql", [url, "-q", "-c", `\\copy ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`], {
        input,
        maxBuffer: 1 << 30,
      });
    }
    return (performance.now() - t0) / 1000;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}

async function main(): Promise<void> {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  const rows = estate.hosts * estate.rowsPerHost;
  const engine = databaseUrl ? "postgresql" : "pglite";
  console.log(
    `estate: ${estate.hosts.toLocaleString("en")} hosts × ${estate.rowsPerHost} rows = ${rows.toLocaleString("en")} inventory rows in ${estate.files} files; ${estate.kasperskyShare * 100}% of hosts run Kaspersky; engine ${engine}; ${parallel} uploads at a time`,
  );
  // a kept workspace was bootstrapped with this token on its first start
  const token = keepData ? "bench-kept-workspace-token" : `bench-${randomBytes(16).toString("hex")}`;
  const data = keepData || mkdtempSync(join(tmpdir(), "offramp-bench-"));
  const env = { ...process.env };
  let dbName: string | undefined;
  if (databaseUrl) {
    dbName = `offramp_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else {
    delete env.DATABASE_URL;
  }
  const port = await freePort();
  const server = startServer(port, token, data, env);
  try {
    await waitReady(port, token);
    for (let pass = 1; ingest && pass <= passes; pass++) {
      const r = await ingestPass(port, token, pass);
      console.log(
        `ingest pass ${pass}: ${r.records.toLocaleString("en")} rows in ${r.seconds.toFixed(1)} s = ${Math.round(r.records / r.seconds).toLocaleString("en")} inventory rows/s (observations/s); ${r.hosts.toLocaleString("en")} host observations, ${r.findings.toLocaleString("en")} findings; items opened ${r.opened}, verified absent ${r.verified}; per file p50 ${(pct(r.perFileMs, 50) / 1000).toFixed(2)} s`,
      );
    }
    const lat = await hostListLatency(port, token);
    console.log(
      `host list at ${lat.hosts.toLocaleString("en")} hosts: p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms over ${lat.requests} requests`,
    );
    for (const [label, v] of Object.entries(lat.perFilter)) {
      console.log(
        `  ${label.padEnd(18)} first ${v.cold.toFixed(1).padStart(6)} ms  p50 ${v.p50.toFixed(1).padStart(6)} ms  p99 ${v.p99.toFixed(1).padStart(6)} ms  (${v.total.toLocaleString("en")} match)`,
      );
    }
    console.log(`server peak RSS: ${peakRssMb(server.pid!).toFixed(0)} MB`);
    if (baselineUrl) {
      const s = await psqlCopyBaseline(baselineUrl);
      console.log(
        `baseline psql \\copy of the same rows into one raw table: ${s.toFixed(1)} s = ${Math.round(rows / s).toLocaleString("en")} rows/s`,
      );
    }
  } finally {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
    agent.destroy();
    if (!keepData) rmSync(data, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    }
  }
}

await main();
