import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { addScanFlags, type ScanFlags, scanOptions } from "../options.js";
import { emit, failOnExitCode, runScan } from "../scan-command.js";

export function registerScan(program: Command): void {
  addScanFlags(
    program
      .command("scan")
      .description("scan inventory exports, SBOMs and logs (files, folders or - for stdin)")
      .argument("<paths...>", "files or folders to read"),
  ).action(async (paths: string[], flags: ScanFlags) => {
    const options = scanOptions(flags);
    const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
    const report = await runScan(catalog, paths, options);
    emit(report, catalog, options.outputs, options.colour);
    process.exitCode = failOnExitCode(report, options.failOn);
  });
}
