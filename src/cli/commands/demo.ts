import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { InputError } from "../../scan/expand.js";
import { addScanFlags, type ScanFlags, scanOptions } from "../options.js";
import { emit, runScan } from "../scan-command.js";

export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../examples");

export function registerDemo(program: Command): void {
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
}
