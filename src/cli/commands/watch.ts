import { type Command, Option } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { IMPORTERS } from "../../importers/registry.js";
import { safeText } from "../../report/render/table.js";
import { loadState, saveState } from "../../watch/state.js";
import { type WatchEvent, Watcher } from "../../watch/watcher.js";
import { WebhookQueue } from "../../watch/webhook.js";

interface WatchFlags {
  state: string;
  webhook?: string;
  format: "json" | "table";
  inputFormat?: string;
  fromStart?: boolean;
  interval: string;
  once?: boolean;
  year?: string;
  catalog?: string;
}

function row(e: WatchEvent): string {
  const f = e.finding;
  const signals = Object.entries(f.signals ?? {})
    .map(([k, n]) => `${k}=${n}`)
    .join(",");
  const cells = [
    e.noticed,
    e.event.padEnd(12),
    f.confidence.padEnd(9),
    f.class.padEnd(9),
    safeText(f.host).padEnd(28),
    safeText(f.product).padEnd(34),
    (signals || "-").padEnd(24),
    f.updateAfterCutoff ? "after-cutoff" : "",
  ];
  return cells.join(" ").trimEnd();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function registerWatch(program: Command): void {
  program
    .command("watch")
    .description("follow growing logs (like tail -F) and report each new finding as it appears")
    .argument("<paths...>", "log files to follow (they may not exist yet)")
    .option(
      "--state <file>",
      "where read positions and announced findings are kept",
      "offramp-watch.state.json",
    )
    .option("--webhook <url>", "POST each new finding as JSON (retried with back-off, never blocking)")
    .addOption(
      new Option("--format <format>", "one JSON object per line, or a table row")
        .choices(["json", "table"])
        .default("json"),
    )
    .option("--input-format <id>", "read every path with this importer instead of sniffing")
    .option("--from-start", "read what a file already holds when the state has no position for it")
    .option("--interval <ms>", "how often to look for new lines", "1000")
    .option("--once", "read what is there now, report, save the state and stop")
    .option("--year <year>", "year for syslog timestamps that carry none (default: from today's date)")
    .option("--catalog <dir>", "use another catalogue folder")
    .action(async (paths: string[], flags: WatchFlags) => {
      const interval = Number(flags.interval);
      if (!(interval >= 10))
        throw new Error(`--interval wants milliseconds (10 or more), not "${flags.interval}"`);
      const year = flags.year ? Number(flags.year) : undefined;
      if (year !== undefined && !(year >= 1990 && year <= 2100))
        throw new Error(`--year must be a year, not "${flags.year}"`);
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const state = loadState(flags.state);
      const log = (message: string) => process.stderr.write(`offramp watch: ${safeText(message)}\n`);
      const watcher = new Watcher(catalog, paths, state, {
        importers: IMPORTERS,
        ...(flags.inputFormat && { format: flags.inputFormat }),
        ...(year && { importOptions: { year } }),
        fromStart: flags.fromStart === true,
        onIssue: log,
      });
      const webhook = flags.webhook ? new WebhookQueue({ url: flags.webhook, log }) : undefined;
      let stopping = false;
      const stop = () => {
        stopping = true;
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        for (;;) {
          for (const e of await watcher.poll()) {
            process.stdout.write(`${flags.format === "table" ? row(e) : JSON.stringify(e)}\n`);
            webhook?.send(e);
          }
          saveState(flags.state, watcher.state);
          if (flags.once || stopping) break;
          for (let waited = 0; waited < interval && !stopping; waited += Math.min(100, interval))
            await sleep(Math.min(100, interval));
        }
      } finally {
        watcher.close();
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        if (webhook) {
          // give queued events a moment on the way out, then stop retrying
          await Promise.race([webhook.flush(), sleep(5000)]);
          webhook.cancel();
        }
      }
    });
}
