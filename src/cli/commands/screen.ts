import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { readConfig } from "../../config.js";
import { TextInput } from "../../importers/input/text-input.js";
import { InputError } from "../../scan/expand.js";
import { type Band, bandRank } from "../../screen/bands.js";
import { familyRuleFromCatalog } from "../../screen/family-rule.js";
import { readVendorMaster, VendorInputError } from "../../screen/input/vendor-master.js";
import { defaultCacheDir } from "../../screen/lists/cache.js";
import { csvRecords } from "../../screen/lists/csv-text.js";
import { ListsMissingError, loadLists } from "../../screen/lists/load-lists.js";
import { scorePair } from "../../screen/pairs.js";
import { renderScreenCsv } from "../../screen/render/csv.js";
import { renderScreenHtml } from "../../screen/render/html.js";
import { renderScreenJson } from "../../screen/render/json.js";
import { renderScreenTable } from "../../screen/render/table.js";
import { buildReport, type ScreenedRow, type ScreenReport } from "../../screen/report.js";
import { screenRows } from "../../screen/screen-rows.js";
import { Screener } from "../../screen/screener.js";
import { collect } from "../options.js";

const FORMATS = ["table", "json", "csv", "html"] as const;

interface ScreenFlags {
  list?: string[];
  listsDir?: string;
  catalog?: string;
  catalogOnly?: boolean;
  nameColumn?: string;
  countryColumn?: string;
  addressColumn?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  all?: boolean;
  failOn?: Band;
}

function render(report: ScreenReport, flags: ScreenFlags): string {
  const colour = !flags.output && process.stdout.isTTY === true && !readConfig().noColor;
  switch (flags.format) {
    case "json":
      return renderScreenJson(report);
    case "csv":
      return renderScreenCsv(report);
    case "html":
      return renderScreenHtml(report);
    default:
      return renderScreenTable(report, { colour, all: flags.all === true });
  }
}

async function runScreen(files: string[], flags: ScreenFlags): Promise<void> {
  const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
  const cacheDir = flags.listsDir ?? defaultCacheDir(readConfig().dataDir);
  let lists: ReturnType<typeof loadLists>;
  try {
    lists = loadLists({
      ...(flags.list && { listFiles: flags.list }),
      cacheDir,
      catalog,
      ...(flags.catalogOnly && { catalogOnly: true }),
    });
  } catch (e) {
    if (e instanceof ListsMissingError) throw new InputError(cacheDir, e.message);
    throw e;
  }
  const screener = new Screener(lists.parties, { familyRule: familyRuleFromCatalog(catalog) });
  const rows: ScreenedRow[] = [];
  const inputs: ScreenReport["inputs"] = [];
  const issues = [];
  for (const file of files) {
    let vendor: Awaited<ReturnType<typeof readVendorMaster>>;
    try {
      vendor = await readVendorMaster(file, {
        ...(flags.nameColumn && { nameColumn: flags.nameColumn }),
        ...(flags.countryColumn && { countryColumn: flags.countryColumn }),
        ...(flags.addressColumn && { addressColumn: flags.addressColumn }),
      });
    } catch (e) {
      if (e instanceof VendorInputError) throw new InputError(e.file, e.message.slice(e.file.length + 2));
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new InputError(file, "no such file");
      throw e;
    }
    inputs.push({
      file: vendor.file,
      sha256: vendor.sha256,
      rows: vendor.rows.length,
      nameColumn: vendor.columns.name,
    });
    issues.push(...vendor.issues);
    rows.push(...screenRows(vendor, screener));
  }
  const report = buildReport(lists, inputs, rows, issues);
  const text = render(report, flags);
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
  if (flags.failOn && rows.some((r) => bandRank(r.result.band) >= bandRank(flags.failOn!)))
    process.exitCode = 1;
}

async function runPairs(file: string): Promise<void> {
  const text = await TextInput.fromFile(file).text();
  const records = csvRecords(text.replace(/^\uFEFF/, ""));
  const first = records.next();
  const head = first.done ? undefined : first.value.fields.map((h) => h.trim().toLowerCase());
  const left = head?.findIndex((h) => h === "left" || h === "name1") ?? -1;
  const right = head?.findIndex((h) => h === "right" || h === "name2") ?? -1;
  if (left < 0 || right < 0) throw new InputError(file, "needs columns left,right (or name1,name2)");
  for (const { fields, line } of records) {
    const l = fields[left] ?? "";
    const r = fields[right] ?? "";
    const res = scorePair(l, r);
    process.stdout.write(
      `${JSON.stringify({ line, left: l, right: r, score: res.score, band: res.band })}\n`,
    );
  }
}

export function registerScreen(program: Command): void {
  const screen = program
    .command("screen")
    .description(
      "screen a vendor master (CSV or JSON) against the Consolidated Screening List, OFAC SDN and the catalogue's entities",
    )
    .argument("[files...]", "vendor master files (CSV or JSON), or - for stdin")
    .option(
      "--list <file>",
      "list file (CSL JSON/CSV, OFAC sdn/alt/add CSV) instead of the cache; repeatable",
      collect,
    )
    .option(
      "--lists-dir <dir>",
      "list cache folder (default: <OFFRAMP_DATA>/lists or ~/.cache/offramp/lists)",
    )
    .option("--catalog-only", "screen against the catalogue's entities only (no list needed)")
    .option("--catalog <dir>", "use another catalogue folder")
    .option("--name-column <name>", "column holding the party name (default: recognised from the header)")
    .option("--country-column <name>", "column holding the country (name or ISO code)")
    .option("--address-column <name>", "column holding the address")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("table"))
    .option("-o, --output <file>", "write to a file instead of stdout")
    .option("--all", "table: show rows without a hit too")
    .addOption(
      new Option("--fail-on <band>", "exit 1 when a row reaches this band").choices(["review", "match"]),
    )
    .action(async (files: string[], flags: ScreenFlags) => {
      if (files.length === 0)
        throw new InputError("screen", "give a vendor master file (or `offramp screen pairs FILE.csv`)");
      await runScreen(files, flags);
    });
  screen
    .command("pairs")
    .description("score name pairs from a CSV with columns left,right: one JSON line per pair")
    .argument("<file>", "CSV file")
    .action(async (file: string) => runPairs(file));
}
