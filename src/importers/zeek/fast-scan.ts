import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import { networkObservation } from "../shared/network-records.js";
import type { ImportContext } from "../types.js";
import { headerLines, type RangeResult, scanFileRange } from "./dns-scanner.js";
import type { StreamMessage, WorkerJob } from "./fast-worker.js";
import { applyHeader, defaultLayout, pathOf } from "./layout.js";
import { type Get, zeekRecord } from "./records.js";

/**
 * The fast path for large Zeek dns.log files: plain files are split at line ends into one byte
 * range per core and scanned by worker threads while the main thread hashes the file; gzip files
 * are inflated by the main thread (zlib runs in the thread pool) and scanned by one worker, so
 * inflating and scanning overlap. Only lines whose query can match become strings.
 */

/** Below these sizes the thread start-up costs more than it saves. */
export const FAST_PATH = { minPlain: 32 << 20, minGzip: 8 << 20, maxWorkers: 4 };
const NAME_FIELD = "query";
const HASH_CHUNK = 4 << 20;
/** Decompressed chunks posted to the scanning worker and not yet acknowledged. */
const MAX_IN_FLIGHT = 16;

export interface FastPlan {
  file: string;
  size: number;
  gzip: boolean;
  headers: string[];
}

/** The plan when this input qualifies: a plain or gzip file (not stdin) holding a Zeek dns log. */
export function fastPathFor(ctx: ImportContext, head: string, limits = FAST_PATH): FastPlan | undefined {
  const net = ctx.sink.network;
  const { path: file, size, gzip } = ctx.input.source;
  if (!net || net.domainEntries.length === 0 || !file || size === undefined) return undefined;
  if (!head.startsWith("#separator ")) return undefined;
  if (ctx.input.encoding !== (gzip ? "gzip, utf-8" : "utf-8")) return undefined;
  if (size < (gzip ? limits.minGzip : limits.minPlain)) return undefined;
  const layout = defaultLayout();
  for (const line of head.split("\n")) {
    if (!line.startsWith("#")) break;
    applyHeader(layout, line.replace(/\r$/, ""));
  }
  if (pathOf(layout) !== "dns" || !layout.columns.has(NAME_FIELD)) return undefined;
  return { file, size, gzip, headers: headerLines(layout) };
}

/**
 * The worker thread. Under the test runner this module is TypeScript: the worker then starts from a
 * small script that registers tsx's loader first (workers do not inherit the runner's loader).
 */
function startWorker(job: WorkerJob): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./fast-worker.js", import.meta.url), { workerData: job });
  const pkg = createRequire(import.meta.url).resolve("tsx/package.json");
  type Target = string | { default?: string };
  const exp = (JSON.parse(readFileSync(pkg, "utf8")) as { exports: Record<string, { import?: Target }> })
    .exports;
  const target = exp["./esm/api"]?.import;
  const api = join(
    dirname(pkg),
    (typeof target === "string" ? target : target?.default) ?? "dist/esm/api/index.mjs",
  );
  const entry = new URL("./fast-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

function runRange(job: WorkerJob): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const w = startWorker(job);
    w.once("message", (r: RangeResult) => {
      resolve(r);
      void w.terminate();
    });
    w.once("error", reject);
    w.once("exit", (code) => {
      if (code !== 0) reject(new Error(`scanner thread stopped with code ${code}`));
    });
  });
}

/** Byte offsets just after a line feed, one per extra worker. */
async function cuts(file: string, size: number, parts: number): Promise<number[]> {
  const fh = await open(file, "r");
  const out = [0];
  try {
    const probe = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < parts; k++) {
      let at = Math.floor((size * k) / parts);
      for (;;) {
        const { bytesRead } = await fh.read(probe, 0, probe.length, at);
        if (bytesRead === 0) {
          at = size;
          break;
        }
        const nl = probe.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) {
          at += nl + 1;
          break;
        }
        at += bytesRead;
      }
      if (at > out[out.length - 1]! && at < size) out.push(at);
    }
  } finally {
    await fh.close();
  }
  out.push(size);
  return out;
}

async function hashFile(file: string): Promise<{ digest: string; bytes: number }> {
  const h = createHash("sha256");
  const fh = await open(file, "r");
  let bytes = 0;
  try {
    const buf = Buffer.allocUnsafe(HASH_CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, bytes);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { digest: h.digest("hex"), bytes };
}

const sameHeaders = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function emitHits(ctx: ImportContext, results: RangeResult[]): void {
  const net = ctx.sink.network!;
  let base = 0;
  let records = 0;
  for (const r of results) {
    for (const hit of r.hits) {
      const get: Get = (name) => {
        const v =
          name === "ts"
            ? hit.ts
            : name === "id.orig_h"
              ? hit.client
              : name === "id.resp_h"
                ? hit.server
                : name === "query"
                  ? hit.name
                  : "";
        return v === "" || v === "-" || v === "(empty)" ? undefined : v;
      };
      const rec = zeekRecord("dns", get, net, () => undefined);
      if (rec) ctx.sink.observe(networkObservation(ctx, "zeek", { ...rec, line: base + hit.line }));
    }
    if (r.short > 0)
      ctx.sink.issue({
        line: base + r.firstShort,
        code: "zeek-columns",
        message: `${r.short} line(s) end before the query column`,
      });
    base += r.lines;
    records += r.lines - r.headerCount;
  }
  ctx.sink.record(records);
}

async function scanPlain(ctx: ImportContext, plan: FastPlan, limits = FAST_PATH): Promise<void> {
  const workers = Math.max(1, Math.min(availableParallelism(), limits.maxWorkers));
  const offsets = await cuts(plan.file, plan.size, workers);
  const entries = [...ctx.sink.network!.domainEntries];
  const jobs: WorkerJob[] = [];
  for (let k = 0; k + 1 < offsets.length; k++) {
    jobs.push({
      mode: "range",
      file: plan.file,
      start: offsets[k]!,
      end: offsets[k + 1]!,
      entries,
      headers: plan.headers,
      nameField: NAME_FIELD,
    });
  }
  const [hashed, ...results] = await Promise.all([hashFile(plan.file), ...jobs.map(runRange)]);
  // A range that began under another header than the one its predecessor ended with (concatenated
  // logs with different columns) is scanned again with the right one.
  for (let k = 1; k < results.length; k++) {
    const before = results[k - 1]!.headers;
    if (!sameHeaders(before, jobs[k]!.headers)) {
      results[k] = scanFileRange(plan.file, jobs[k]!.start, jobs[k]!.end, entries, before, NAME_FIELD);
    }
  }
  emitHits(ctx, results);
  await ctx.input.settle(hashed.digest, hashed.bytes);
}

async function scanGzip(ctx: ImportContext, plan: FastPlan): Promise<void> {
  const job: WorkerJob = {
    mode: "stream",
    file: plan.file,
    start: 0,
    end: 0,
    entries: [...ctx.sink.network!.domainEntries],
    headers: plan.headers,
    nameField: NAME_FIELD,
  };
  const worker = startWorker(job);
  const hash = createHash("sha256");
  let bytes = 0;
  const result = await new Promise<RangeResult>((resolve, reject) => {
    const source = createReadStream(plan.file, { highWaterMark: 1 << 20 });
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    let inFlight = 0;
    let paused = false;
    source.on("data", (c) => {
      hash.update(c as Buffer);
      bytes += c.length;
    });
    source.on("error", reject);
    gunzip.on("error", reject);
    worker.on("error", reject);
    worker.on("message", (m: { type: "ack" } | { type: "done"; result: RangeResult }) => {
      if (m.type === "done") {
        resolve(m.result);
        return;
      }
      inFlight--;
      if (paused && inFlight <= MAX_IN_FLIGHT / 2) {
        paused = false;
        gunzip.resume();
      }
    });
    gunzip.on("data", (d: Buffer) => {
      const copy = new Uint8Array(d.length);
      copy.set(d);
      const msg: StreamMessage = { type: "chunk", data: copy };
      worker.postMessage(msg, [copy.buffer]);
      if (++inFlight >= MAX_IN_FLIGHT && !paused) {
        paused = true;
        gunzip.pause();
      }
    });
    gunzip.on("end", () => worker.postMessage({ type: "end" } satisfies StreamMessage));
    source.pipe(gunzip);
  }).finally(() => void worker.terminate());
  emitHits(ctx, [result]);
  await ctx.input.settle(hash.digest("hex"), bytes);
}

/** Runs the fast path; on a thread or inflate failure it says so and returns false (nothing emitted). */
export async function scanZeekFast(ctx: ImportContext, plan: FastPlan): Promise<boolean> {
  try {
    if (plan.gzip) await scanGzip(ctx, plan);
    else await scanPlain(ctx, plan);
    return true;
  } catch (e) {
    ctx.sink.issue({
      code: "fast-path",
      severity: "info",
      message: `parallel scan failed (${(e as Error).message}); reading the file the ordinary way`,
    });
    return false;
  }
}
