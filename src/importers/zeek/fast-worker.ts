import { parentPort, workerData } from "node:worker_threads";
import type { DomainEntry } from "../../match/network-index.js";
import { type RangeResult, RangeScanner, scanBuffer, scanFileRange } from "./dns-scanner.js";

/**
 * Worker thread of the Zeek fast path. For a plain file it reads and scans the line-aligned byte
 * ranges it is given itself (range-pool.ts); for a gzip file it scans the chunks the main thread
 * inflates and posts each chunk's result back together with its buffer, which the main thread
 * reuses (chunk-pipeline.ts). Each range or chunk comes with the header lines in effect at its start.
 */
export interface WorkerSetup {
  entries: DomainEntry[];
  nameField: string;
}

export interface ChunkMessage {
  seq: number;
  data: ArrayBuffer;
  length: number;
  /** Header lines in effect at the chunk's start, and a number that changes when they do. */
  headers: string[];
  version: number;
}

export interface RangeMessage {
  kind: "range";
  seq: number;
  file: string;
  start: number;
  end: number;
  headers: string[];
}

export interface RangeReply {
  kind: "range";
  seq: number;
  result: RangeResult;
  /** Bytes read: fewer than `end - start` when the file shrank. */
  bytes: number;
}

export interface ChunkResult {
  seq: number;
  data: ArrayBuffer;
  result: RangeResult;
}

const setup = workerData as WorkerSetup;
const port = parentPort!;
let version = -1;
let scanner: RangeScanner | undefined;

port.on("message", (msg: ChunkMessage | RangeMessage) => {
  if ("kind" in msg) {
    scanner ??= new RangeScanner(setup.entries, msg.headers, setup.nameField);
    version = -1;
    const { result, bytes } = scanFileRange(
      msg.file,
      msg.start,
      msg.end,
      scanner,
      msg.headers,
      setup.nameField,
    );
    const reply: RangeReply = { kind: "range", seq: msg.seq, result, bytes };
    port.postMessage(reply);
    return;
  }
  // a header line inside the previous chunk changed the layout: start from the main thread's again
  if (!scanner) scanner = new RangeScanner(setup.entries, msg.headers, setup.nameField);
  else if (msg.version !== version || scanner.result.headerCount > 0) scanner.setHeaders(msg.headers);
  else scanner.reset();
  version = msg.version;
  scanBuffer(scanner, Buffer.from(msg.data, 0, msg.length), msg.length);
  const reply: ChunkResult = { seq: msg.seq, data: msg.data, result: scanner.result };
  port.postMessage(reply, [msg.data]);
});
