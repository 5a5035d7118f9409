import { readFileSync } from "node:fs";
import { type ReportDocument, ReportDocument as ReportSchema } from "../model/report.js";

/** Reads a saved JSON report and checks it against the schema; errors name the file and the field. */
export function loadReport(file: string): ReportDocument {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not a JSON report (${(e as Error).message})`);
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: not an offramp report: ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  return parsed.data;
}
