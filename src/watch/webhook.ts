/**
 * POSTs events to a webhook without ever holding up the reader: `send` only queues; one loop
 * delivers in order, retrying a failed POST (network error, timeout, 5xx, 429) with exponential
 * back-off. A 4xx other than 408/429 will not get better by retrying and is dropped with a note.
 * The queue is bounded: when a receiver stays down, the oldest events are dropped and counted.
 */
export interface WebhookOptions {
  url: string;
  /** First retry delay; doubled each time up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts per event before it is dropped. */
  maxAttempts?: number;
  maxQueue?: number;
  timeoutMs?: number;
  /** Where notes about failures go (stderr in the CLI). */
  log?: (message: string) => void;
}

export class WebhookQueue {
  private readonly queue: string[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  dropped = 0;
  delivered = 0;

  constructor(private readonly options: WebhookOptions) {}

  send(event: unknown): void {
    const max = this.options.maxQueue ?? 10_000;
    if (this.queue.length >= max) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(JSON.stringify(event));
    if (!this.running) {
      this.running = true;
      this.idle = this.loop();
    }
  }

  /** Resolves when the queue is empty (or every event in it has been given up on). */
  async flush(): Promise<void> {
    await this.idle;
  }

  /** Stops waiting between retries (used on exit after a final flush attempt). */
  cancel(): void {
    this.queue.length = 0;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const log = this.options.log ?? (() => {});
    while (this.queue.length > 0) {
      const body = this.queue[0]!;
      let delay = this.options.baseDelayMs ?? 500;
      const attempts = this.options.maxAttempts ?? 8;
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.post(body);
        if (outcome === "ok") {
          this.delivered++;
          break;
        }
        if (outcome === "drop" || attempt >= attempts || this.queue.length === 0) {
          if (outcome !== "drop") log(`webhook: giving up on an event after ${attempt} attempts`);
          this.dropped++;
          break;
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        delay = Math.min(delay * 2, this.options.maxDelayMs ?? 30_000);
      }
      if (this.queue[0] === body) this.queue.shift();
    }
    this.running = false;
  }

  private async post(body: string): Promise<"ok" | "retry" | "drop"> {
    try {
      const res = await fetch(this.options.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return "ok";
      if (res.status >= 500 || res.status === 429 || res.status === 408) return "retry";
      this.options.log?.(`webhook: ${res.status} from the receiver; event dropped`);
      return "drop";
    } catch {
      return "retry";
    }
  }
}
