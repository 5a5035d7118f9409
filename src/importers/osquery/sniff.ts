import { firstLines } from "../sniff.js";
import { inferTable } from "./tables.js";

const RESULT_BODY = /"(columns|snapshot|diffResults)"\s*:/;
const RESULT_HOST = /"(hostIdentifier|hostname)"\s*:/;
const RESULT_TIME = /"(unixTime|calendarTime)"\s*:/;
const KEY = /"([A-Za-z0-9_]+)"\s*:/g;

/** Sure when a line is an osqueryd result (host, time and a body); fairly sure for osqueryi arrays. */
export function sniffOsquery(head: string): number {
  const lines = firstLines(head, 3);
  if (lines.some((l) => l.trimStart().startsWith("{") && isResultLine(l))) return 0.95;
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (!body.startsWith("[")) return 0;
  // the first row of an osqueryi array: flat, so its object ends at the first closing brace
  const open = body.indexOf("{");
  const close = body.indexOf("}", open);
  if (open < 0 || close < 0 || /^\[\s*[^\s{]/.test(body)) return 0;
  const keys = [...body.slice(open, close).matchAll(KEY)].map((m) => m[1]!);
  const known = inferTable(keys);
  return known && known.marks.length > 0 && snakeCase(keys) ? 0.8 : 0;
}

function isResultLine(line: string): boolean {
  return RESULT_BODY.test(line) && RESULT_HOST.test(line) && RESULT_TIME.test(line);
}

function snakeCase(keys: string[]): boolean {
  return keys.length > 0 && keys.every((k) => /^[a-z0-9_]+$/.test(k));
}
