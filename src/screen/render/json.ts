import type { ScreenReport } from "../report.js";

export function renderScreenJson(report: ScreenReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
