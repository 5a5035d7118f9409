import type { Worker } from "node:worker_threads";
import type { RangeResult } from "./dns-scanner.js";
import { headerLines, layoutFrom } from "./dns-scanner.js";
import type { ChunkMessage, ChunkResult } from "./fast-worker.js";
import { applyHeader, type ZeekLayout } from "./layout.js";
import { listen } from "./worker-events.js";

/**
 * Line-aligned chunks of one file, scanned by worker threads. The file is read once: the producer
 * fills a buffer from a small pool, the pipeline hands it to an idle worker (transferred, not
 * copied) and the worker hands it back with its result. Results are delivered in file order so
 * line numbers and evidence come out the same on every run; memory is the pool, whatever the size.
 */
export class ChunkPipeline {
  private readonly free: ArrayBuffer[] = [];
  private readonly waiting: { resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void }[] = [];
  private readonly idle: Worker[];
  private readonly queue: ChunkMessage[] = [];
  private readonly done = new Map<number, RangeResult>();
  private seq = 0;
  private next = 0;
  private failure: Error | undefined;
  private settle: (() => void) | undefined;
  private reject: ((e: Error) => void) | undefined;
  private layout: ZeekLayout;
  private headers: string[];
  private version = 0;
  /** Results delivered so far (a failure after the first one cannot be undone by re-reading). */
  delivered = 0;

  constructor(
    workers: Worker[],
    buffers: number,
    size: number,
    headers: string[],
    private readonly deliver: (r: RangeResult) => void,
  ) {
    this.idle = [...workers];
    for (let i = 0; i < buffers; i++) this.free.push(new ArrayBuffer(size));
    this.layout = layoutFrom(headers);
    this.headers = headers;
    listen<ChunkResult>(
      workers,
      (w, m) => this.onResult(w, m),
      (e) => this.fail(e),
    );
  }

  /** A free buffer to fill; waits while every buffer is with a worker. */
  acquire(): Promise<ArrayBuffer> {
    if (this.failure) return Promise.reject(this.failure);
    const b = this.free.pop();
    return b ? Promise.resolve(b) : new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(b: ArrayBuffer): void {
    const w = this.waiting.shift();
    if (w) w.resolve(b);
    else this.free.push(b);
  }

  /**
   * Sends `buf[0, length)` (whole lines) to be scanned. Header lines inside it are applied here
   * first, so the next chunk goes out with the layout in effect at its start.
   */
  dispatch(data: ArrayBuffer, length: number): void {
    const msg: ChunkMessage = { seq: this.seq++, data, length, headers: this.headers, version: this.version };
    this.trackHeaders(Buffer.from(data, 0, length));
    const w = this.idle.pop();
    if (w) w.postMessage(msg, [data]);
    else this.queue.push(msg);
  }

  /** Header lines start with `#` (a byte no host name holds): found by memchr, then read here. */
  private trackHeaders(chunk: Buffer): void {
    let changed = false;
    for (let at = chunk.indexOf(35); at >= 0; at = chunk.indexOf(35, at + 1)) {
      if (at > 0 && chunk[at - 1] !== 10) continue;
      let end = chunk.indexOf(10, at);
      if (end < 0) end = chunk.length;
      const line = chunk.toString("latin1", at, chunk[end - 1] === 13 ? end - 1 : end);
      if (/^#(fields|types|separator|unset_field|empty_field|path)\b/.test(line)) {
        applyHeader(this.layout, line);
        changed = true;
      }
      at = end;
    }
    if (changed) {
      const next = headerLines(this.layout);
      if (next.join("\n") !== this.headers.join("\n")) {
        this.headers = next;
        this.version++;
      }
    }
  }

  private onResult(w: Worker, m: ChunkResult): void {
    this.release(m.data);
    const queued = this.queue.shift();
    if (queued) w.postMessage(queued, [queued.data]);
    else this.idle.push(w);
    this.done.set(m.seq, m.result);
    while (this.done.has(this.next)) {
      const r = this.done.get(this.next)!;
      this.done.delete(this.next++);
      try {
        this.deliver(r);
        this.delivered++;
      } catch (e) {
        this.fail(e as Error);
        return;
      }
    }
    if (this.settle && this.next === this.seq) this.settle();
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const w of this.waiting.splice(0)) w.reject(e);
    this.reject?.(e);
  }

  /** Resolves when every dispatched chunk has been delivered. */
  finish(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.next === this.seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.settle = resolve;
      this.reject = reject;
    });
  }
}
