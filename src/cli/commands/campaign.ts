import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ITEM_STATES, type ItemAction, ItemState } from "../../assess/campaign.js";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { readConfig } from "../../config.js";
import { buildReport } from "../../report/document.js";
import { renderReport } from "../../report/render/index.js";
import { safeText } from "../../report/render/table.js";
import { BURNDOWN_BY, type BurndownBy } from "../../store/burndown.js";
import { TransitionError } from "../../store/campaign-store.js";
import { scanResultFromStore } from "../../store/report-source.js";
import type { Store } from "../../store/store.js";
import type { ItemRow } from "../../store/types.js";
import { parseAsOf, todayUtc } from "../dates.js";
import { collect, parseProfiles } from "../options.js";
import { OUTPUT_FORMATS, pairOutputs } from "../scan-command.js";
import { addWorkspaceFlag, cliActor, openWorkspace, type WorkspaceFlags } from "../workspace.js";

interface ListFlags extends WorkspaceFlags {
  state?: string;
  owner?: string;
  product?: string;
  site?: string;
  host?: string;
  overdue?: boolean;
  limit: string;
  json?: boolean;
}

function pad(s: string, n: number): string {
  const t = s.length > n ? `${s.slice(0, n - 1)}…` : s;
  return t + " ".repeat(Math.max(0, n - t.length));
}

function row(i: ItemRow): string {
  const due = i.due ? `${i.due}${i.overdue ? "!" : ""}` : "-";
  const extra = i.waiver ? `waived until ${i.waiver.until.slice(0, 10)}: ${i.waiver.reason}` : (i.note ?? "");
  return [
    i.id,
    pad(i.state, 17),
    pad(safeText(i.host), 32),
    pad(safeText(i.product), 36),
    pad(safeText(i.owner ?? "-"), 14),
    pad(due, 11),
    safeText(extra).slice(0, 80),
  ].join(" ");
}

async function withStore<T>(flags: WorkspaceFlags, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openWorkspace(flags);
  try {
    await store.campaign.expireWaivers(new Date());
    return await work(store);
  } finally {
    await store.close();
  }
}

/** One transition from the terminal; refusals print the rule that refused and exit 1. */
async function move(id: string, action: ItemAction, flags: WorkspaceFlags & { as?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    try {
      const item = await store.campaign.transition(id, action, cliActor(flags.as), new Date());
      process.stdout.write(`${row(item)}\n`);
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      process.stderr.write(`offramp: ${e.code}: ${safeText(e.message)}\n`);
      process.exitCode = 1;
    }
  });
}

function itemCommand(parent: Command, name: string, description: string): Command {
  return addWorkspaceFlag(
    parent.command(name).description(description).argument("<item>", "item id (16 hex digits)"),
  ).option("--as <name>", "who does it, for the audit log (default cli:<user>)");
}

export function registerCampaign(program: Command): void {
  const campaign = program
    .command("campaign")
    .description("the migration campaign: one work item per covered finding, tracked to verified removal");

  addWorkspaceFlag(campaign.command("list").description("list work items"))
    .option("--state <state>", `one of ${ITEM_STATES.join(", ")}`)
    .option("--owner <name>")
    .option("--product <id>")
    .option("--site <name>")
    .option("--host <key>")
    .option("--overdue", "only active items past their due date")
    .option("--limit <n>", "at most this many", "200")
    .option("--json", "JSON lines instead of a table")
    .action(async (flags: ListFlags) => {
      const state = flags.state === undefined ? undefined : ItemState.parse(flags.state);
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0) throw new Error(`--limit must be a positive number`);
      await withStore(flags, async (store) => {
        const page = await store.campaign.list(
          {
            limit,
            ...(state && { state }),
            ...(flags.owner && { owner: flags.owner }),
            ...(flags.product && { product: flags.product }),
            ...(flags.site && { site: flags.site }),
            ...(flags.host && { host: flags.host }),
            ...(flags.overdue && { overdue: true }),
          },
          new Date(),
        );
        for (const i of page.items)
          process.stdout.write(flags.json ? `${JSON.stringify(i)}\n` : `${row(i)}\n`);
        if (!flags.json) {
          const counts = await store.campaign.counts();
          const summary = Object.entries(counts)
            .map(([s, n]) => `${n} ${s}`)
            .join(", ");
          process.stderr.write(
            `${page.items.length} of ${page.total} shown; all items: ${summary || "none"}\n`,
          );
        }
      });
    });

  itemCommand(campaign, "show", "one item with its transitions").action(
    async (id: string, flags: WorkspaceFlags) => {
      await withStore(flags, async (store) => {
        const item = await store.campaign.get(id, new Date());
        if (!item) throw new Error(`no item ${id}`);
        process.stdout.write(`${row(item)}\n`);
        for (const e of await store.campaign.events(id)) {
          process.stdout.write(
            `  ${e.at}  ${pad(e.action, 15)} ${pad(`${e.from ?? "-"} → ${e.to}`, 36)} ${safeText(e.actor)}${e.reason ? `: ${safeText(e.reason)}` : ""}\n`,
          );
        }
      });
    },
  );

  itemCommand(
    campaign,
    "assign",
    "give the item an owner (and a due date; default from the regime deadlines)",
  )
    .requiredOption("--owner <name>")
    .option("--due <date>", "YYYY-MM-DD")
    .action((id: string, flags: WorkspaceFlags & { owner: string; due?: string; as?: string }) =>
      move(id, { action: "assign", owner: flags.owner, ...(flags.due && { due: flags.due }) }, flags),
    );
  itemCommand(campaign, "schedule", "removal is scheduled")
    .option("--date <date>", "YYYY-MM-DD")
    .option("--note <text>")
    .action((id: string, flags: WorkspaceFlags & { date?: string; note?: string; as?: string }) =>
      move(
        id,
        {
          action: "schedule",
          ...(flags.date && { date: flags.date }),
          ...(flags.note && { note: flags.note }),
        },
        flags,
      ),
    );
  itemCommand(
    campaign,
    "verify",
    "mark verified absent (refused without a later inventory that proves it)",
  ).action((id: string, flags: WorkspaceFlags & { as?: string }) => move(id, { action: "verify" }, flags));
  itemCommand(campaign, "close", "close a verified-absent item")
    .option("--note <text>")
    .action((id: string, flags: WorkspaceFlags & { note?: string; as?: string }) =>
      move(id, { action: "close", ...(flags.note && { note: flags.note }) }, flags),
    );
  itemCommand(campaign, "waive", "accept the item for a while; it reopens by itself when the waiver expires")
    .requiredOption("--reason <text>")
    .requiredOption("--until <date>", "expiry (YYYY-MM-DD or an instant)")
    .action((id: string, flags: WorkspaceFlags & { reason: string; until: string; as?: string }) =>
      move(id, { action: "waive", reason: flags.reason, until: flags.until }, flags),
    );
  itemCommand(campaign, "reopen", "reopen a waived, verified or closed item")
    .requiredOption("--reason <text>")
    .action((id: string, flags: WorkspaceFlags & { reason: string; as?: string }) =>
      move(id, { action: "reopen", reason: flags.reason }, flags),
    );

  addWorkspaceFlag(campaign.command("burndown").description("items per day"))
    .option("--by <key>", `${BURNDOWN_BY.join(", ")}`, "status")
    .option("--from <date>", "first day (default the first event)")
    .option("--to <date>", "last day (default today)")
    .action(async (flags: WorkspaceFlags & { by: string; from?: string; to?: string }) => {
      if (!(BURNDOWN_BY as readonly string[]).includes(flags.by))
        throw new Error(`--by must be one of ${BURNDOWN_BY.join(", ")}`);
      await withStore(flags, async (store) => {
        const b = await store.burndown(flags.by as BurndownBy, flags.from, flags.to ?? todayUtc());
        const keys = b.series.map((s) => safeText(s.key));
        process.stdout.write(`${["day", "active", ...keys].join("\t")}\n`);
        b.days.forEach((d, i) => {
          process.stdout.write(`${[d, b.open[i], ...b.series.map((s) => s.counts[i])].join("\t")}\n`);
        });
      });
    });

  addWorkspaceFlag(
    campaign.command("report").description("the whole workspace as a report, with the burn-down"),
  )
    .option("--as-of <date>", "assess as of this date (default today)")
    .option("--profile <name>", "regime profile(s), repeatable or comma-separated", collect)
    .option("--format <format>", `report format, repeatable: ${OUTPUT_FORMATS.join(", ")}`, collect)
    .option("-o, --output <file>", "write to a file; one per --format, in order", collect)
    .option("--catalog <dir>", "use another catalogue folder")
    .action(
      async (
        flags: WorkspaceFlags & {
          asOf?: string;
          profile?: string[];
          format?: string[];
          output?: string[];
          catalog?: string;
        },
      ) => {
        const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
        const asOf = parseAsOf(flags.asOf ?? todayUtc());
        const outputs = pairOutputs(flags.format ?? [], flags.output ?? []);
        await withStore(flags, async (store) => {
          const report = buildReport(
            await scanResultFromStore(store.db),
            catalog,
            asOf,
            parseProfiles(flags.profile),
          );
          const burn = await store.burndown("status", undefined, asOf.slice(0, 10));
          const history = burn.days.map((date, i) => ({ date, open: burn.open[i] ?? 0 }));
          const colour = process.stdout.isTTY === true && !readConfig().noColor;
          for (const o of outputs) {
            const text = renderReport(report, o.format, {
              regimes: catalog.regimes,
              history,
              colour: colour && !o.file,
            });
            if (o.file) writeFileSync(o.file, text);
            else process.stdout.write(text);
          }
        });
      },
    );
}
