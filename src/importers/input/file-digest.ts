import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Worker } from "node:worker_threads";

/**
 * SHA-256 of whole large files, computed in a worker thread beside the scan (the Zeek fast path, and
 * TextInput for big plain files). Hashing is the longest single piece of work in a scan of a large
 * log (OpenSSL with the CPU's SHA extensions: ~1.45 GB/s here) and it cannot be split, so it starts
 * as early as possible: `prefetchDigests` queues the command line's large files before the catalogue
 * is even loaded, and `fileDigest` takes the queued result. A digest is used only when the file
 * provably did not change while it was hashed and read (same size, inode and modification time);
 * otherwise the bytes the scan read are hashed again here.
 */

export interface Digest {
  digest: string;
  bytes: number;
}

/** The file's identity when the hash started; compared before a prefetched digest is used. */
interface Identity {
  size: number;
  ino: number;
  mtimeMs: number;
}

interface HashResult extends Digest {
  before: Identity;
  after: Identity;
}

/** Files below this size are hashed inline by their reader (TextInput); a thread is not worth it. */
export const PREFETCH_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The thread's code: plain JavaScript so that it runs the same from dist/ and under the test runner.
 * Files are hashed one at a time, in the order given, with large reads (small reads cost more in the
 * kernel than the hashing saves).
 */
const HASHER = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { openSync, readSync, closeSync, fstatSync, statSync } = require("node:fs");
const buf = Buffer.allocUnsafe(4 << 20);
const id = (s) => ({ size: s.size, ino: s.ino, mtimeMs: s.mtimeMs });
parentPort.on("message", ({ key, path }) => {
  try {
    const fd = openSync(path, "r");
    try {
      const before = id(fstatSync(fd));
      const h = createHash("sha256");
      let bytes = 0;
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; bytes += n)
        h.update(n === buf.length ? buf : buf.subarray(0, n));
      parentPort.postMessage({ key, digest: h.digest("hex"), bytes, before, after: id(statSync(path)) });
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    parentPort.postMessage({ key, error: String(e && e.message || e) });
  }
});
`;

class Hasher {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (r: HashResult) => void; reject: (e: Error) => void }
  >();

  hash(path: string): Promise<HashResult> {
    const worker = this.start();
    const key = this.next++;
    const done = new Promise<HashResult>((resolve, reject) => this.waiting.set(key, { resolve, reject }));
    if (this.waiting.size === 1) worker.ref();
    worker.postMessage({ key, path });
    return done;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(HASHER, { eval: true });
    w.on("message", (m: { key: number; error?: string } & HashResult) => {
      if (this.worker !== w) return;
      const job = this.waiting.get(m.key);
      this.waiting.delete(m.key);
      if (this.waiting.size === 0) w.unref();
      if (m.error !== undefined) job?.reject(new Error(m.error));
      else job?.resolve(m);
    });
    w.on("error", (e) => {
      if (this.worker === w) this.fail(e);
    });
    w.on("exit", () => {
      if (this.worker === w) this.fail(new Error("the hashing thread stopped"));
    });
    this.worker = w;
    return w;
  }

  private fail(e: Error): void {
    this.worker = undefined;
    for (const job of this.waiting.values()) job.reject(e);
    this.waiting.clear();
  }

  /** Stops the thread (what it had queued is dropped); the next request starts a new one. */
  async stop(): Promise<void> {
    const w = this.worker;
    this.fail(new Error("the hashing thread was stopped"));
    await w?.terminate();
  }
}

const hasher = new Hasher();
const prefetched = new Map<string, Promise<HashResult>>();

/** Starts hashing the large regular files among `paths` now, in order, in the hashing thread. */
export function prefetchDigests(paths: readonly string[]): void {
  for (const path of paths) {
    if (path === "-" || prefetched.has(path)) continue;
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size < PREFETCH_MIN_BYTES) continue;
    } catch {
      continue; // the reader will say what is wrong with it
    }
    const job = hasher.hash(path);
    job.catch(() => {}); // a failure is seen, and handled, by the one who takes it
    prefetched.set(path, job);
  }
}

/** Drops what was prefetched and stops the hashing thread (the end of a command). */
export async function stopDigests(): Promise<void> {
  prefetched.clear();
  await hasher.stop();
}

const same = (a: Identity, b: Identity) => a.size === b.size && a.ino === b.ino && a.mtimeMs === b.mtimeMs;

/** SHA-256 of the first `size` bytes of `path`: the prefetched digest when it is still valid. */
export async function fileDigest(path: string, size: number): Promise<Digest & { tool: string }> {
  const queued = prefetched.get(path);
  prefetched.delete(path);
  const r = await (queued ?? hasher.hash(path)).catch(() => undefined);
  if (r) {
    const now = statSync(path, { throwIfNoEntry: false });
    const unchanged = now !== undefined && same(r.before, r.after) && same(r.before, now) && r.bytes === size;
    if (unchanged) return { digest: r.digest, bytes: r.bytes, tool: queued ? "prefetch" : "thread" };
  }
  return { ...(await hashRange(path, size)), tool: "inline" };
}

export async function hashRange(path: string, size: number): Promise<Digest> {
  const h = createHash("sha256");
  let bytes = 0;
  if (size > 0) {
    for await (const c of createReadStream(path, { start: 0, end: size - 1, highWaterMark: 1 << 20 })) {
      h.update(c as Buffer);
      bytes += (c as Buffer).length;
    }
  }
  return { digest: h.digest("hex"), bytes };
}
