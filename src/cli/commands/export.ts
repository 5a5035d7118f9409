import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { NetworkSignal } from "../../model/catalog.js";
import { buildPlan, EXPORTERS, findExporter } from "../../report/export/index.js";
import { collect } from "../options.js";

interface ExportFlags {
  output?: string;
  list?: boolean;
  includeLow: boolean;
  signals?: string[];
  catalog?: string;
}

function listTargets(): string {
  return EXPORTERS.map((e) => `${e.id.padEnd(12)} ${e.file.padEnd(32)} ${e.title}`).join("\n");
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write the catalogue as rules, queries or blocklists for another engine (--list: targets)")
    .argument(
      "[target]",
      "target engine: osquery, fleet, sigma, kql, spl, zeek-intel, zeek-suffix, suricata, rpz, dnsmasq, unbound, hosts",
    )
    .option("-o, --output <file>", "write to FILE instead of standard output")
    .option("--list", "list the targets and the file each writes")
    .option("--include-low", "include low-confidence rows, marked as such (the default)", true)
    .option("--no-include-low", "leave low-confidence rows out")
    .option(
      "--signals <list>",
      `network indicators of these signals only (${NetworkSignal.options.join(", ")}); repeatable or comma-separated`,
      collect,
    )
    .option("--catalog <dir>", "catalogue folder")
    .action((target: string | undefined, flags: ExportFlags) => {
      if (flags.list) {
        process.stdout.write(`${listTargets()}\n`);
        return;
      }
      const exporter = target ? findExporter(target) : undefined;
      if (!exporter) {
        throw new Error(
          `${target ? `unknown export target "${target}"` : "name an export target"}; one of:\n${listTargets()}`,
        );
      }
      const signals = flags.signals?.map((s) => {
        const parsed = NetworkSignal.safeParse(s);
        if (!parsed.success)
          throw new Error(`unknown signal "${s}" (one of ${NetworkSignal.options.join(", ")})`);
        return parsed.data;
      });
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const plan = buildPlan(catalog, { includeLow: flags.includeLow, ...(signals && { signals }) });
      const text = exporter.render(plan);
      if (flags.output) {
        writeFileSync(flags.output, text);
        process.stderr.write(
          `offramp export ${exporter.id}: wrote ${flags.output} (${Buffer.byteLength(text)} bytes, catalogue ${plan.catalog.name} ${plan.catalog.version})\n`,
        );
      } else process.stdout.write(text);
    });
}
