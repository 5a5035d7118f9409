import type { Command } from "commander";
import { assessFindings } from "../../assess/assess.js";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { readConfig } from "../../config.js";
import type { ReportDocument } from "../../model/report.js";
import { loadReport } from "../../report/load-report.js";
import { parseAsOf, todayUtc } from "../dates.js";
import { collect, parseProfiles } from "../options.js";
import { emit, OUTPUT_FORMATS, pairOutputs } from "../scan-command.js";

interface AssessFlags {
  asOf?: string;
  profile?: string[];
  format?: string[];
  output?: string[];
  catalog?: string;
}

/** Re-assesses a saved scan for another date or profile, without reading the inputs again. */
export function reassess(doc: ReportDocument, asOf: string, profiles: string[], catalogDir?: string) {
  const catalog = loadCatalog(catalogDir ?? DEFAULT_CATALOG_DIR);
  const findings = assessFindings(doc.findings, {
    regimes: catalog.regimes.regimes,
    profiles,
    asOf,
    products: catalog.products,
    hostPlatforms: new Map(doc.hosts.map((h) => [h.id, h.platforms])),
  });
  return { catalog, report: { ...doc, asOf, profile: profiles, findings } };
}

function register(program: Command, name: string, description: string, keepDate: boolean): void {
  program
    .command(name)
    .description(description)
    .argument("<report>", "a JSON report written by `offramp scan --format json`")
    .option("--as-of <date>", "assess as of this date (YYYY-MM-DD or an instant)")
    .option("--profile <name>", "regime profile(s), repeatable or comma-separated", collect)
    .option("--format <format>", `report format, repeatable: ${OUTPUT_FORMATS.join(", ")}`, collect)
    .option("-o, --output <file>", "write to a file; one per --format, in order", collect)
    .option("--catalog <dir>", "use another catalogue folder")
    .action((file: string, flags: AssessFlags) => {
      const doc = loadReport(file);
      const asOf = parseAsOf(flags.asOf ?? (keepDate ? doc.asOf : todayUtc()));
      const profiles = flags.profile
        ? parseProfiles(flags.profile)
        : keepDate
          ? doc.profile
          : parseProfiles(undefined);
      const { catalog, report } = reassess(doc, asOf, profiles, flags.catalog);
      if (catalog.manifest.version !== doc.catalog.version) {
        process.stderr.write(
          `offramp: findings come from catalogue ${doc.catalog.version}; assessed with regimes of catalogue ${catalog.manifest.version}\n`,
        );
      }
      const colour = process.stdout.isTTY === true && !readConfig().noColor;
      emit(report, catalog, pairOutputs(flags.format ?? [], flags.output ?? []), colour);
    });
}

export function registerAssess(program: Command): void {
  register(
    program,
    "assess",
    "re-assess a saved JSON report for another date or profile (default: today, us-private)",
    false,
  );
}

export function registerReport(program: Command): void {
  register(
    program,
    "report",
    "render a saved JSON report in other formats (keeps its date and profile unless given)",
    true,
  );
}
