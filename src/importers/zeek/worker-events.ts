import type { Worker } from "node:worker_threads";

/** Routes the scanner threads' replies to `onMessage` and any error or abnormal exit to `fail`. */
export function listen<M>(
  workers: readonly Worker[],
  onMessage: (w: Worker, m: M) => void,
  fail: (e: Error) => void,
): void {
  for (const w of workers) {
    w.on("message", (m: M) => onMessage(w, m));
    w.on("error", fail);
    w.on("exit", (code) => {
      if (code !== 0) fail(new Error(`scanner thread stopped with code ${code}`));
    });
  }
}
