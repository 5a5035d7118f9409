import { parentPort, workerData } from "node:worker_threads";
import type { DomainEntry } from "../../match/network-index.js";
import { RangeScanner, scanFileRange } from "./dns-scanner.js";

/**
 * Worker thread of the Zeek fast path. `range`: scan one line-aligned byte range of a plain file
 * and post the result. `stream`: scan decompressed chunks the main thread posts (it inflates a
 * gzip file), acknowledging each so the main thread can bound what is in flight.
 */
export interface WorkerJob {
  mode: "range" | "stream";
  file: string;
  start: number;
  end: number;
  entries: DomainEntry[];
  headers: string[];
  nameField: string;
}

export type StreamMessage = { type: "chunk"; data: Uint8Array } | { type: "end" };

const job = workerData as WorkerJob;
const port = parentPort!;

if (job.mode === "range") {
  port.postMessage(scanFileRange(job.file, job.start, job.end, job.entries, job.headers, job.nameField));
} else {
  const scanner = new RangeScanner(job.entries, job.headers, job.nameField);
  let carry: Buffer | undefined;
  let offset = 0;
  port.on("message", (msg: StreamMessage) => {
    if (msg.type === "chunk") {
      const chunk = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const last = buf.lastIndexOf(10);
      if (last >= 0) {
        scanner.base = offset;
        scanner.scan(buf, 0, last + 1);
        offset += last + 1;
        carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : undefined;
      } else {
        carry = Buffer.from(buf);
      }
      port.postMessage({ type: "ack" });
      return;
    }
    if (carry && carry.length > 0) {
      const last = Buffer.concat([carry, Buffer.from("\n")]);
      scanner.base = offset;
      scanner.scan(last, 0, last.length);
    }
    port.postMessage({ type: "done", result: scanner.result });
  });
}
