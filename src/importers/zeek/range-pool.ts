import { closeSync, openSync, readSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import type { DomainEntry } from "../../match/network-index.js";
import { type RangeResult, scanFileRange } from "./dns-scanner.js";
import type { RangeMessage, RangeReply } from "./fast-worker.js";
import { listen } from "./worker-events.js";

/**
 * A plain file cut into line-aligned byte ranges that the worker threads read and scan themselves:
 * no buffer passes between threads, the main thread only hands out ranges and puts results in file
 * order. A range is scanned under the header lines in effect at the file's start; when the ranges
 * before it end under other ones (a rotated log appended to another), it is scanned again here
 * under those, so every line is read under the layout that governs it.
 */
export class RangePool {
  private readonly idle: Worker[];
  private readonly queue: RangeMessage[] = [];
  private readonly done = new Map<number, RangeReply>();
  private ranges: [number, number][] = [];
  private next = 0;
  private bytes = 0;
  private headers: string[];
  private failure: Error | undefined;
  private settle: ((bytes: number) => void) | undefined;
  private reject: ((e: Error) => void) | undefined;
  /** Results delivered so far (a failure after the first one cannot be undone by re-reading). */
  delivered = 0;

  constructor(
    workers: Worker[],
    private readonly file: string,
    private readonly start: string[],
    private readonly rescan: { entries: readonly DomainEntry[]; nameField: string },
    private readonly deliver: (r: RangeResult) => void,
  ) {
    this.idle = [...workers];
    this.headers = start;
    listen<RangeReply>(
      workers,
      (w, m) => this.onResult(w, m),
      (e) => this.fail(e),
    );
  }

  /** Scans the file's ranges; resolves with the bytes read once every result is delivered. */
  run(ranges: [number, number][]): Promise<number> {
    this.ranges = ranges;
    if (ranges.length === 0) return Promise.resolve(0);
    const done = new Promise<number>((resolve, reject) => {
      this.settle = resolve;
      this.reject = reject;
    });
    ranges.forEach(([start, end], seq) => {
      const msg: RangeMessage = { kind: "range", seq, file: this.file, start, end, headers: this.start };
      const w = this.idle.pop();
      if (w) w.postMessage(msg);
      else this.queue.push(msg);
    });
    return done;
  }

  private onResult(w: Worker, m: RangeReply): void {
    if (this.failure) return;
    const queued = this.queue.shift();
    if (queued) w.postMessage(queued);
    else this.idle.push(w);
    this.done.set(m.seq, m);
    while (this.done.has(this.next)) {
      let r = this.done.get(this.next)!;
      this.done.delete(this.next);
      const [start, end] = this.ranges[this.next]!;
      if (r.bytes !== end - start) {
        this.fail(
          new Error(`the file changed while it was read (${r.bytes} of ${end - start} bytes at ${start})`),
        );
        return;
      }
      if (this.headers.join("\n") !== this.start.join("\n")) {
        const again = scanFileRange(
          this.file,
          start,
          end,
          this.rescan.entries,
          this.headers,
          this.rescan.nameField,
        );
        r = { ...r, ...again };
      }
      this.next++;
      this.bytes += r.bytes;
      this.headers = r.result.headers;
      try {
        this.deliver(r.result);
        this.delivered++;
      } catch (e) {
        this.fail(e as Error);
        return;
      }
    }
    if (this.next === this.ranges.length) this.settle?.(this.bytes);
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    this.reject?.(e);
  }
}

/**
 * Cuts `[0, size)` into about `size / target` ranges (at least `min`), each starting at a line start:
 * a cut moves forward to just past the next line feed (a range may come out empty and is dropped).
 */
export function lineRanges(file: string, size: number, target: number, min: number): [number, number][] {
  const count = Math.max(min, Math.ceil(size / target));
  const cuts = [0];
  const fd = openSync(file, "r");
  const probe = Buffer.allocUnsafe(64 << 10);
  try {
    for (let i = 1; i < count; i++) {
      let at = Math.max(Math.floor((size * i) / count), cuts[cuts.length - 1]!);
      for (;;) {
        const n = at < size ? readSync(fd, probe, 0, probe.length, at) : 0;
        if (n === 0) {
          at = size;
          break;
        }
        const nl = probe.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          at += nl + 1;
          break;
        }
        at += n;
      }
      if (at > cuts[cuts.length - 1]!) cuts.push(at);
    }
  } finally {
    closeSync(fd);
  }
  if (cuts[cuts.length - 1]! < size) cuts.push(size);
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) ranges.push([cuts[i]!, cuts[i + 1]!]);
  return ranges;
}
