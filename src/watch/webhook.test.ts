import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookQueue } from "./webhook.js";

let failures = 0;
const received: unknown[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    if (failures > 0) {
      failures--;
      res.writeHead(503).end();
      return;
    }
    received.push(JSON.parse(body));
    res.writeHead(204).end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("WebhookQueue", () => {
  it("queues without waiting, retries 5xx with back-off and keeps the order", async () => {
    failures = 2;
    received.length = 0;
    const q = new WebhookQueue({ url, baseDelayMs: 20 });
    q.send({ n: 1 });
    q.send({ n: 2 });
    // send only queued: nothing has reached the receiver yet
    expect(received).toEqual([]);
    await q.flush();
    expect(received).toEqual([{ n: 1 }, { n: 2 }]);
    expect([q.delivered, q.dropped]).toEqual([2, 0]);
  });

  it("gives up after the last attempt when the receiver is down", async () => {
    const notes: string[] = [];
    const q = new WebhookQueue({
      url: "http://127.0.0.1:1/none",
      baseDelayMs: 5,
      maxAttempts: 3,
      log: (m) => notes.push(m),
    });
    q.send({ n: 3 });
    await q.flush();
    expect([q.delivered, q.dropped]).toEqual([0, 1]);
    expect(notes[0]).toContain("after 3 attempts");
  });
});
