import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import type { Catalog } from "../catalog/load.js";
import { TextInput } from "../importers/input/text-input.js";
import { IMPORTERS } from "../importers/registry.js";
import type { ImportOptions } from "../importers/types.js";
import { CONFIDENCE_RANK, type Confidence } from "../model/finding.js";
import { buildReport, type Report } from "../report/document.js";
import { EXTENSIONS, REPORT_FORMATS, type ReportFormat, renderReport } from "../report/render/index.js";
import { jsonChunks } from "../report/render/json.js";
import { expandPaths } from "../scan/expand.js";
import { Scanner } from "../scan/run.js";
import { type ScreeningOptions, screenScan } from "../scan/screening.js";
import { Progress } from "./progress.js";

/** Where each requested format goes: a file, or stdout when `file` is undefined. */
export interface OutputTarget {
  format: ReportFormat;
  file?: string;
}

export interface ScanCommandOptions {
  asOf: string;
  profiles: string[];
  outputs: OutputTarget[];
  failOn?: Confidence;
  inputFormat?: string;
  importOptions: ImportOptions;
  colour: boolean;
  progress: boolean;
  /** Screen publishers and suppliers met (default on); undefined turns it off. */
  screening?: ScreeningOptions;
}

export const OUTPUT_FORMATS = REPORT_FORMATS;

/**
 * Pairs `--format` and `--output` by position: `--format json --format html -o r.json -o r.html`.
 * One format without an output goes to stdout; several formats without outputs get default names.
 */
export function pairOutputs(formats: string[], files: string[]): OutputTarget[] {
  const list = (formats.length > 0 ? formats : ["table"]) as ReportFormat[];
  for (const f of list)
    if (!REPORT_FORMATS.includes(f))
      throw new Error(`unknown format ${f} (one of ${REPORT_FORMATS.join(", ")})`);
  if (files.length > list.length) throw new Error("more --output files than --format options");
  if (list.length === 1) return [{ format: list[0]!, ...(files[0] && { file: files[0] }) }];
  if (files.length > 0 && files.length !== list.length)
    throw new Error("give one --output per --format, in the same order");
  return list.map((format, i) => ({ format, file: files[i] ?? `offramp-report.${EXTENSIONS[format]}` }));
}

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
  const result = scanner.finish();
  const screening =
    options.screening && screenScan(scanner.parties, scanner.hosts, catalog, options.screening);
  return buildReport(result, catalog, options.asOf, options.profiles, screening);
}

export function emit(report: Report, catalog: Catalog, outputs: OutputTarget[], colour: boolean): void {
  for (const o of outputs) {
    if (o.format === "json") {
      writeChunks(jsonChunks(report), o.file);
      continue;
    }
    const text = renderReport(report, o.format, { regimes: catalog.regimes, colour: colour && !o.file });
    if (o.file) writeFileSync(o.file, text);
    else process.stdout.write(text);
  }
}

/** Writes pieces to a file (or stdout) in batches of about a megabyte. */
function writeChunks(chunks: Iterable<string>, file: string | undefined): void {
  const fd = file ? openSync(file, "w") : 1;
  try {
    let batch = "";
    for (const c of chunks) {
      batch += c;
      if (batch.length > 1 << 20) {
        writeAll(fd, batch);
        batch = "";
      }
    }
    writeAll(fd, batch);
  } finally {
    if (file) closeSync(fd);
  }
}

/** writeSync may write less than asked to a pipe; retry until everything is out. */
function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, "utf8");
  while (buf.length > 0) {
    try {
      const n = writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

/** Exit code for `--fail-on`: 1 when any covered finding reaches the given confidence. */
export function failOnExitCode(report: Report, failOn: Confidence | undefined): number {
  if (!failOn) return 0;
  const reached = report.findings.some(
    (f) => f.scope === "covered" && CONFIDENCE_RANK[f.confidence] >= CONFIDENCE_RANK[failOn],
  );
  return reached ? 1 : 0;
}
