import { existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { InputError } from "../../scan/expand.js";
import { addScanFlags, type ScanFlags, scanOptions } from "../options.js";
import { emit, runScan } from "../scan-command.js";

export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../examples");

/** The example estate as a path relative to where the user stands, so the report names files the way they see them. */
function examplesPath(): string {
  const rel = relative(process.cwd(), EXAMPLES_DIR);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : EXAMPLES_DIR;
}

export function registerDemo(program: Command): void {
  addScanFlags(
    program
      .command("demo")
      .description(
        "scan the bundled example estate, print the summary and write offramp-report.json and .html",
      ),
  ).action(async (flags: ScanFlags) => {
    const options = scanOptions(flags);
    const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
    if (!existsSync(EXAMPLES_DIR)) throw new InputError(EXAMPLES_DIR, "the example estate is missing");
    const report = await runScan(catalog, [examplesPath()], options);
    const files = [
      { format: "json" as const, file: "offramp-report.json" },
      { format: "html" as const, file: "offramp-report.html" },
    ];
    emit(
      report,
      catalog,
      flags.format || flags.output ? options.outputs : [{ format: "table" }],
      options.colour,
    );
    emit(report, catalog, files, false);
    process.stderr.write(`\nFull report written to ${files.map((f) => f.file).join(" and ")}\n`);
  });
}
