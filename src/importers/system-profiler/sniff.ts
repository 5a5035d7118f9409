import { firstLines } from "../sniff.js";

const APP_KEY_LINE = /^\s+(Version|Location|Last Modified|Kind|Obtained from|Get Info String|Signed by): /m;

/** `Applications:` followed by indented application keys, or the `-json` document's data-type key. */
export function sniffSystemProfiler(head: string): number {
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("{")) return /"SPApplicationsDataType"\s*:\s*\[/.test(body) ? 0.93 : 0;
  if (firstLines(head, 1)[0]?.trim() !== "Applications:") return 0;
  return APP_KEY_LINE.test(head) ? 0.92 : 0.6;
}
