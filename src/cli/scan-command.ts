import { writeFileSync } from "node:fs";
import type { Catalog } from "../catalog/load.js";
import { TextInput } from "../importers/input/text-input.js";
import { IMPORTERS } from "../importers/registry.js";
import type { ImportOptions } from "../importers/types.js";
import { CONFIDENCE_RANK, type Confidence } from "../model/finding.js";
import { buildReport, type Report } from "../report/document.js";
import { renderJson } from "../report/render/json.js";
import { renderTable } from "../report/render/table.js";
import { expandPaths } from "../scan/expand.js";
import { Scanner } from "../scan/run.js";
import { Progress } from "./progress.js";

export interface ScanCommandOptions {
  asOf: string;
  profiles: string[];
  format: string;
  output?: string;
  failOn?: Confidence;
  inputFormat?: string;
  importOptions: ImportOptions;
  colour: boolean;
  progress: boolean;
}

export const OUTPUT_FORMATS = ["table", "json"] as const;

export async function runScan(
  catalog: Catalog,
  paths: string[],
  options: ScanCommandOptions,
): Promise<Report> {
  const files = expandPaths(paths);
  const scanner = new Scanner(catalog, {
    importers: IMPORTERS,
    ...(options.inputFormat && { format: options.inputFormat }),
    importOptions: options.importOptions,
  });
  const progress = options.progress ? new Progress(process.stderr) : undefined;
  for (const [index, file] of files.entries()) {
    const open = () => {
      const input =
        file === "-"
          ? TextInput.fromStream("-", process.stdin as AsyncIterable<Buffer>)
          : TextInput.fromFile(file);
      progress?.watch(input);
      return input;
    };
    progress?.start(file, index, files.length);
    await scanner.add({ name: file, open });
  }
  progress?.done();
  return buildReport(scanner.finish(), catalog, options.asOf, options.profiles);
}

export function render(report: Report, format: string, colour: boolean): string {
  switch (format) {
    case "json":
      return renderJson(report);
    case "table":
      return renderTable(report, { colour });
    default:
      throw new Error(`unknown output format ${format} (one of ${OUTPUT_FORMATS.join(", ")})`);
  }
}

export function emit(report: Report, options: ScanCommandOptions): void {
  const text = render(report, options.format, options.colour && !options.output);
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
}

/** Exit code for `--fail-on`: 1 when any covered finding reaches the given confidence. */
export function failOnExitCode(report: Report, failOn: Confidence | undefined): number {
  if (!failOn) return 0;
  const reached = report.findings.some(
    (f) => f.scope === "covered" && CONFIDENCE_RANK[f.confidence] >= CONFIDENCE_RANK[failOn],
  );
  return reached ? 1 : 0;
}
