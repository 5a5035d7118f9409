import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { TextInput } from "../../importers/input/text-input.js";
import { IMPORTERS } from "../../importers/registry.js";
import { safeText } from "../../report/render/table.js";
import { expandPaths } from "../../scan/expand.js";
import { ingestInput } from "../../store/ingest.js";
import type { IngestSummary } from "../../store/types.js";
import { collect, parseMap, parseProfiles } from "../options.js";
import {
  addWorkspaceFlag,
  cliActor,
  openWorkspace,
  type WorkspaceFlags,
  workspaceLabel,
} from "../workspace.js";

interface IngestFlags extends WorkspaceFlags {
  observedAt?: string;
  site?: string;
  profile?: string[];
  inputFormat?: string;
  host?: string;
  map?: string[];
  year?: string;
  catalog?: string;
  as?: string;
  json?: boolean;
}

async function sha256(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest("hex");
}

function parseObserved(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`--observed-at must be a date or an ISO 8601 instant, not "${value}"`);
  return new Date(t);
}

function line(s: IngestSummary): string {
  const name = safeText(s.input.file);
  if (s.status === "duplicate")
    return `${name}: already in the workspace (input ${s.input.id}), nothing changed`;
  if (s.status === "unreadable") {
    return `${name}: not ingested: ${safeText(s.issues[0]?.message ?? "could not be read")}`;
  }
  const i = s.items;
  return `${name}: ingested as input ${s.input.id} (${s.input.format}, ${s.input.records} records, ${s.input.issues} issues): ${s.hosts.seen} hosts (${s.hosts.new} new), ${s.findings.seen} findings (${s.findings.new} new); items ${i.opened} opened, ${i.reopened} reopened, ${i.verified} verified absent`;
}

export function registerIngest(program: Command): void {
  addWorkspaceFlag(
    program
      .command("ingest")
      .description(
        "add inputs to the workspace (each file once, in one transaction), keeping history and the campaign",
      )
      .argument("<paths...>", "files or folders to read, or - for stdin"),
  )
    .option("--observed-at <date>", "when the export was taken (default now): the date of this observation")
    .option("--site <name>", "tag the hosts these inputs name with a site")
    .option("--profile <name>", "regime profile(s) whose deadlines give new items their due date", collect)
    .option("--input-format <id>", "skip sniffing and read every input with this importer")
    .option("--host <name>", "host name for inputs that carry none")
    .option("--map <column=field>", "map a CSV column to a field", collect)
    .option("--year <year>", "year for syslog timestamps that carry none")
    .option("--catalog <dir>", "use another catalogue folder")
    .option("--as <name>", "who is ingesting, for the audit log (default cli:<user>)")
    .option("--json", "print the ingest summaries as JSON lines")
    .action(async (paths: string[], flags: IngestFlags) => {
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const files = expandPaths(paths);
      const observedAt = parseObserved(flags.observedAt);
      const map = parseMap(flags.map);
      const year = flags.year ? Number(flags.year) : undefined;
      if (year !== undefined && !(year >= 1990 && year <= 2100))
        throw new Error(`--year must be a year, not "${flags.year}"`);
      const store = await openWorkspace(flags);
      const ctx = { store, catalog, importers: IMPORTERS, profiles: parseProfiles(flags.profile) };
      let failed = 0;
      try {
        process.stderr.write(`offramp: workspace ${workspaceLabel(flags)}\n`);
        for (const file of files) {
          if (file !== "-") {
            // the digest first: a file already ingested is not read through the importers again
            const known = await store.inputs.byDigest(await sha256(file));
            if (known) {
              const out = `${safeText(file)}: already in the workspace (input ${known.id}), nothing changed`;
              process.stdout.write(
                flags.json ? `${JSON.stringify({ status: "duplicate", input: known })}\n` : `${out}\n`,
              );
              continue;
            }
          }
          const summary = await ingestInput(ctx, {
            input: {
              name: file,
              open: () =>
                file === "-"
                  ? TextInput.fromStream("-", process.stdin as AsyncIterable<Buffer>)
                  : TextInput.fromFile(file),
            },
            actor: cliActor(flags.as),
            now: new Date(),
            ...(observedAt && { observedAt }),
            ...(flags.site && { site: flags.site }),
            ...(flags.inputFormat && { format: flags.inputFormat }),
            importOptions: {
              ...(flags.host && { host: flags.host }),
              ...(map && { map }),
              ...(year && { year }),
            },
            onWrite: () => process.stderr.write(`offramp: storing ${safeText(file)}\n`),
          });
          if (summary.status === "unreadable") failed++;
          process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : `${line(summary)}\n`);
        }
      } finally {
        await store.close();
      }
      process.exitCode = failed > 0 ? 2 : 0;
    });
}
