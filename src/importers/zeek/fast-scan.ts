import { createReadStream, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import { fileDigest, hashRange } from "../input/file-digest.js";
import { networkObservation } from "../shared/network-records.js";
import type { ImportContext } from "../types.js";
import { ChunkPipeline } from "./chunk-pipeline.js";
import { headerLines, type RangeResult } from "./dns-scanner.js";
import type { WorkerSetup } from "./fast-worker.js";
import { applyHeader, defaultLayout, pathOf } from "./layout.js";
import { lineRanges, RangePool } from "./range-pool.js";
import { type Get, zeekRecord } from "./records.js";

/**
 * The fast path for large Zeek dns.log files. A plain file is cut into line-aligned byte ranges that
 * worker threads (one per core) read and scan themselves (range-pool.ts); a gzip file is inflated by
 * the main thread (zlib works in the thread pool) into a small pool of buffers cut at line ends that
 * a worker scans (chunk-pipeline.ts). Results come back in file order, and the file's digest is
 * computed beside it all (file-digest.ts). Only lines whose query can match become strings.
 */

/** Below these sizes the thread start-up costs more than it saves. */
export const FAST_PATH = {
  minPlain: 32 << 20,
  minGzip: 8 << 20,
  maxWorkers: 4,
  chunkBytes: 8 << 20,
  /** A plain file is cut into ranges of about this size (at least two per worker, to even out). */
  rangeBytes: 64 << 20,
  /** Worker threads for a plain file; by default one per core but the one the digest takes. */
  workers: undefined as number | undefined,
};
const NAME_FIELD = "query";

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
function startWorker(job: WorkerSetup): Worker {
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

function emitter(ctx: ImportContext): { deliver: (r: RangeResult) => void; finish: () => void } {
  const net = ctx.sink.network!;
  let base = 0;
  let records = 0;
  return {
    deliver(r) {
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
    },
    finish: () => ctx.sink.record(records),
  };
}

/** Inflates a gzip file (zlib works in the thread pool) into the pipeline's buffers; returns the compressed size read. */
async function produceGzip(file: string, pipeline: ChunkPipeline): Promise<number> {
  let bytes = 0;
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  source.on("data", (c) => {
    bytes += c.length;
  });
  const gunzip = source.pipe(createGunzip({ chunkSize: 1 << 20 }));
  source.on("error", (e) => gunzip.destroy(e));
  let ab = await pipeline.acquire();
  let buf = Buffer.from(ab);
  let len = 0;
  for await (const out of gunzip as AsyncIterable<Buffer>) {
    let at = 0;
    while (at < out.length) {
      const n = Math.min(out.length - at, buf.length - len);
      out.copy(buf, len, at, at + n);
      len += n;
      at += n;
      if (len < buf.length) continue;
      const last = buf.lastIndexOf(10, len - 1);
      if (last < 0) throw new Error(`a line longer than ${buf.length} bytes`);
      const next = await pipeline.acquire();
      const nextBuf = Buffer.from(next);
      buf.copy(nextBuf, 0, last + 1, len);
      pipeline.dispatch(ab, last + 1);
      ab = next;
      len -= last + 1;
      buf = nextBuf;
    }
  }
  if (len > 0) {
    if (buf[len - 1] !== 10) buf[len++] = 10;
    pipeline.dispatch(ab, len);
  } else pipeline.release(ab);
  return bytes;
}

/** Runs the fast path; on a failure before any result was used it says so and returns false. */
export async function scanZeekFast(ctx: ImportContext, plan: FastPlan, limits = FAST_PATH): Promise<boolean> {
  // the file's digest takes one core (file-digest.ts): the scan gets the others
  const count = plan.gzip
    ? 1
    : (limits.workers ?? Math.max(1, Math.min(availableParallelism() - 1, limits.maxWorkers)));
  const entries = [...ctx.sink.network!.domainEntries];
  const setup: WorkerSetup = { entries, nameField: NAME_FIELD };
  const workers = Array.from({ length: count }, () => startWorker(setup));
  const out = emitter(ctx);
  const scan = plan.gzip
    ? new ChunkPipeline(workers, count * 3, limits.chunkBytes, plan.headers, out.deliver)
    : new RangePool(workers, plan.file, plan.headers, { entries, nameField: NAME_FIELD }, out.deliver);
  try {
    // the digest of the file (compressed bytes for gzip) is computed beside the scan (file-digest.ts)
    const read = async () => {
      if (scan instanceof RangePool)
        return scan.run(lineRanges(plan.file, plan.size, limits.rangeBytes, 2 * count));
      const bytes = await produceGzip(plan.file, scan);
      await scan.finish();
      return bytes;
    };
    const hashing = fileDigest(plan.file, plan.size);
    hashing.catch(() => {}); // taken below, or by whoever takes the pending digest
    const bytesRead = await read();
    if (bytesRead !== plan.size)
      throw new Error(`the file changed while it was read (${bytesRead} of ${plan.size} bytes)`);
    out.finish();
    // The records are in; the digest may still be running, and the scan goes on with its findings
    // meanwhile. It is the hash of the `plan.size` bytes that were read (re-hashed when the file
    // changed since), or of fewer when the file has shrunk since: its byte count says so.
    await ctx.input.settleLater(hashing);
    return true;
  } catch (e) {
    const message = (e as Error).message;
    if (scan.delivered === 0) {
      ctx.sink.issue({
        code: "fast-path",
        severity: "info",
        message: `parallel scan failed (${message}); reading the file the ordinary way`,
      });
      return false;
    }
    ctx.sink.issue({
      code: "read-failed",
      message: `reading stopped part way (${message}); records before it were kept`,
    });
    out.finish();
    const whole = await hashRange(plan.file, statSync(plan.file).size);
    await ctx.input.settle(whole.digest, whole.bytes);
    return true;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
