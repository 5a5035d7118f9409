import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { prefetchDigests, stopDigests } from "../../importers/input/file-digest.js";
import { expandPaths } from "../../scan/expand.js";
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
    // large inputs start hashing now, beside the catalogue's loading and the scan
    const files = expandPaths(paths);
    prefetchDigests(files);
    try {
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const report = await runScan(catalog, files, options);
      emit(report, catalog, options.outputs, options.colour);
      process.exitCode = failOnExitCode(report, options.failOn);
    } finally {
      await stopDigests();
    }
  });
}
