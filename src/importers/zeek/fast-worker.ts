import { parentPort, workerData } from "node:worker_threads";
import type { DomainEntry } from "../../match/network-index.js";
import { type RangeResult, RangeScanner } from "./dns-scanner.js";

/**
 * Worker thread of the Zeek fast path: scans the line-aligned chunks the main thread reads (or
 * inflates) and posts each chunk's result back together with its buffer, which the main thread
 * reuses. Each chunk comes with the header lines in effect at its start.
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

export interface ChunkResult {
  seq: number;
  data: ArrayBuffer;
  result: RangeResult;
}

const setup = workerData as WorkerSetup;
const port = parentPort!;
let version = -1;
let scanner: RangeScanner | undefined;

port.on("message", (msg: ChunkMessage) => {
  // a header line inside the previous chunk changed the layout: start from the main thread's again
  if (!scanner) scanner = new RangeScanner(setup.entries, msg.headers, setup.nameField);
  else if (msg.version !== version || scanner.result.headerCount > 0) scanner.setHeaders(msg.headers);
  else scanner.reset();
  version = msg.version;
  scanner.scan(Buffer.from(msg.data, 0, msg.length), 0, msg.length);
  const reply: ChunkResult = { seq: msg.seq, data: msg.data, result: scanner.result };
  port.postMessage(reply, [msg.data]);
});
