import { type Command, Option } from "commander";
import { readConfig } from "../config.js";
import type { Confidence } from "../model/finding.js";
import { Confidence as ConfidenceSchema } from "../model/finding.js";
import { ProfileId } from "../model/regime.js";
import { defaultCacheDir } from "../screen/lists/cache.js";
import { parseAsOf, todayUtc } from "./dates.js";
import { OUTPUT_FORMATS, pairOutputs, type ScanCommandOptions } from "./scan-command.js";

export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

export function parseMap(values: string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new Error(`--map wants COLUMN=FIELD, not "${v}"`);
    map[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return map;
}

export interface ScanFlags {
  asOf?: string;
  profile?: string[];
  format?: string[];
  output?: string[];
  failOn?: Confidence;
  inputFormat?: string;
  host?: string;
  map?: string[];
  year?: string;
  catalog?: string;
  progress: boolean;
  screen: boolean;
  list?: string[];
  listsDir?: string;
}

export function parseProfiles(values: string[] | undefined): string[] {
  const profiles = values && values.length > 0 ? values : ["us-private"];
  for (const p of profiles) {
    if (!ProfileId.safeParse(p).success)
      throw new Error(`unknown profile "${p}" (one of ${ProfileId.options.join(", ")})`);
  }
  return [...new Set(profiles)];
}

export function scanOptions(flags: ScanFlags): ScanCommandOptions {
  const config = readConfig();
  const year = flags.year ? Number(flags.year) : undefined;
  if (year !== undefined && !(year >= 1990 && year <= 2100))
    throw new Error(`--year must be a year, not "${flags.year}"`);
  const map = parseMap(flags.map);
  return {
    asOf: parseAsOf(flags.asOf ?? todayUtc()),
    profiles: parseProfiles(flags.profile),
    outputs: pairOutputs(flags.format ?? [], flags.output ?? []),
    ...(flags.failOn && { failOn: flags.failOn }),
    ...(flags.inputFormat && { inputFormat: flags.inputFormat }),
    importOptions: {
      ...(flags.host && { host: flags.host }),
      ...(map && { map }),
      ...(year && { year }),
    },
    colour: process.stdout.isTTY === true && !config.noColor,
    progress: flags.progress && process.stderr.isTTY === true,
    ...(flags.screen && {
      screening: {
        cacheDir: flags.listsDir ?? defaultCacheDir(config.dataDir),
        ...(flags.list && flags.list.length > 0 && { listFiles: flags.list }),
      },
    }),
  };
}

export function addScanFlags(cmd: Command): Command {
  return cmd
    .option("--as-of <date>", "assess as of this date (YYYY-MM-DD)", undefined)
    .option(
      "--profile <name>",
      "regime profile(s), repeatable or comma-separated (default us-private)",
      collect,
    )
    .option(
      `--format <format>`,
      `report format, repeatable: ${OUTPUT_FORMATS.join(", ")} (default table)`,
      collect,
    )
    .option(
      "-o, --output <file>",
      "write the report to a file instead of stdout; one per --format, in order",
      collect,
    )
    .addOption(
      new Option("--fail-on <confidence>", "exit 1 when a covered finding reaches it").choices(
        ConfidenceSchema.options,
      ),
    )
    .option(
      "--input-format <id>",
      "skip sniffing and read every input with this importer (see `offramp formats`)",
    )
    .option(
      "--host <name>",
      "host name for inputs that carry none (.reg exports, system_profiler, osqueryi --json)",
    )
    .option(
      "--map <column=field>",
      "map a CSV column to a field (name, publisher, version, host, ip, path …)",
      collect,
    )
    .option("--year <year>", "year for syslog timestamps that carry none")
    .option("--catalog <dir>", "use another catalogue folder")
    .option("--no-progress", "no progress bar on stderr")
    .option("--no-screen", "do not screen the publishers and suppliers met against restricted-party lists")
    .option(
      "--list <file>",
      "screen against this list file (CSL JSON/CSV, SDN CSV) instead of the cache",
      collect,
    )
    .option("--lists-dir <dir>", "the list cache filled by `offramp lists update`");
}
