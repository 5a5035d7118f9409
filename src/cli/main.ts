import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { CatalogError, DEFAULT_CATALOG_DIR, loadCatalog } from "../catalog/load.js";
import { verifyCatalog } from "../catalog/verify.js";
import { readConfig } from "../config.js";
import { IMPORTERS } from "../importers/registry.js";
import { Confidence } from "../model/finding.js";
import { InputError } from "../scan/expand.js";
import { TOOL_VERSION } from "../version.js";
import { parseAsOf, todayUtc } from "./dates.js";
import { emit, failOnExitCode, OUTPUT_FORMATS, runScan, type ScanCommandOptions } from "./scan-command.js";

/** Exit codes: 0 fine, 1 a finding reached --fail-on, 2 usage error or unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples");

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

function parseMap(values: string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new Error(`--map wants COLUMN=FIELD, not "${v}"`);
    map[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return map;
}

interface ScanFlags {
  asOf?: string;
  profile?: string[];
  format: string;
  output?: string;
  failOn?: Confidence;
  inputFormat?: string;
  host?: string;
  map?: string[];
  year?: string;
  catalog?: string;
  progress: boolean;
}

function scanOptions(flags: ScanFlags): ScanCommandOptions {
  const config = readConfig();
  const year = flags.year ? Number(flags.year) : undefined;
  if (year !== undefined && !(year >= 1990 && year <= 2100))
    throw new Error(`--year must be a year, not "${flags.year}"`);
  const map = parseMap(flags.map);
  return {
    asOf: parseAsOf(flags.asOf ?? todayUtc()),
    profiles: flags.profile && flags.profile.length > 0 ? flags.profile : ["us-private"],
    format: flags.format,
    ...(flags.output && { output: flags.output }),
    ...(flags.failOn && { failOn: flags.failOn }),
    ...(flags.inputFormat && { inputFormat: flags.inputFormat }),
    importOptions: {
      ...(flags.host && { host: flags.host }),
      ...(map && { map }),
      ...(year && { year }),
    },
    colour: process.stdout.isTTY === true && !config.noColor,
    progress: flags.progress && process.stderr.isTTY === true,
  };
}

function addScanFlags(cmd: Command): Command {
  return cmd
    .option("--as-of <date>", "assess as of this date (YYYY-MM-DD)", undefined)
    .option(
      "--profile <name>",
      "regime profile(s), repeatable or comma-separated (default us-private)",
      collect,
    )
    .addOption(new Option("--format <format>", "output format").choices([...OUTPUT_FORMATS]).default("table"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(
      new Option("--fail-on <confidence>", "exit 1 when a covered finding reaches it").choices(
        Confidence.options,
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
    .option("--no-progress", "no progress bar on stderr");
}

export function buildProgram(): Command {
  const program = new Command("offramp")
    .description("Find banned technology (Kaspersky first) across an estate, and prove it is gone.")
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  addScanFlags(
    program
      .command("scan")
      .description("scan inventory exports, SBOMs and logs (files, folders or - for stdin)")
      .argument("<paths...>", "files or folders to read"),
  ).action(async (paths: string[], flags: ScanFlags) => {
    const options = scanOptions(flags);
    const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
    const report = await runScan(catalog, paths, options);
    emit(report, options);
    process.exitCode = failOnExitCode(report, options.failOn);
  });

  addScanFlags(
    program.command("demo").description("scan the bundled example estate and write a report"),
  ).action(async (flags: ScanFlags) => {
    const options = scanOptions(flags);
    const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
    if (!existsSync(EXAMPLES_DIR)) throw new InputError(EXAMPLES_DIR, "the example estate is missing");
    const report = await runScan(catalog, [EXAMPLES_DIR], options);
    const output = flags.output ?? "offramp-report.json";
    emit(report, { ...options, output: undefined });
    emit(report, { ...options, format: "json", output });
    process.stderr.write(`\nFull report written to ${output}\n`);
  });

  const catalogCmd = program.command("catalog").description("inspect and check the catalogue");
  catalogCmd
    .command("verify")
    .option("--catalog <dir>", "catalogue folder")
    .description("validate the catalogue (schemas, sources, regexes, references)")
    .action((flags: { catalog?: string }) => {
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const problems = verifyCatalog(catalog);
      for (const p of problems) process.stderr.write(`${p}\n`);
      const sigs = [...catalog.products.values()].reduce(
        (n, p) => n + p.signatures.length,
        catalog.shared.length,
      );
      process.stdout.write(
        `${catalog.manifest.name} ${catalog.manifest.version}: ${catalog.products.size} products, ${sigs} signatures, ${catalog.entities.length} entities; ${problems.length} problem(s)\n`,
      );
      process.exitCode = problems.length > 0 ? EXIT.findings : EXIT.ok;
    });
  catalogCmd
    .command("products")
    .option("--catalog <dir>", "catalogue folder")
    .description("list products with family, scope and platforms")
    .action((flags: { catalog?: string }) => {
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      for (const p of [...catalog.products.values()].sort((a, b) => a.id.localeCompare(b.id))) {
        process.stdout.write(
          `${p.id.padEnd(46)} ${p.family.padEnd(20)} ${p.scope.padEnd(12)} ${p.platforms.join(",")}\n`,
        );
      }
    });

  program
    .command("formats")
    .description("list the input formats offramp reads")
    .action(() => {
      for (const i of IMPORTERS) process.stdout.write(`${i.id.padEnd(22)} ${i.title}\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof InputError || e instanceof CatalogError) {
      process.stderr.write(`offramp: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`offramp: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
}
