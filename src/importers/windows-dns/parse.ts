import { normalizeDomain } from "../../catalog/normalize.js";
import { isoFromParts } from "../shared/log-time.js";
import { clientRef, networkFilter, networkObservation, SkipCounter } from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "windows-dns";

/**
 * A PACKET line of the DNS Server debug log. Columns are aligned with spaces and blank columns
 * (the response flag, flag letters) are runs of spaces, so the line is matched as a whole. The date
 * follows the server's locale: M/D/YYYY with AM/PM, D.M.YYYY, or YYYY-MM-DD.
 */
const PACKET =
  /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4}) (\d{1,2}):(\d{2}):(\d{2})(?: ([AP]M))? +[0-9A-Fa-f]+ PACKET +[0-9A-Fa-f]+ +(UDP|TCP) +(Snd|Rcv) +(\S+) +[0-9A-Fa-f]+ +(R)? *([A-Z?]) +\[[0-9A-Fa-f]+ +[A-Z ]*?\s*[A-Z]+\] +(\S+) +(\S+)/;

export function sniffWindowsDns(head: string): number {
  if (/^\uFEFF?DNS Server log file creation at /m.test(head.slice(0, 4096))) return 0.95;
  return firstLines(head, 10).some((l) => PACKET.test(l)) ? 0.9 : 0;
}

function timeOf(m: RegExpExecArray): string | undefined {
  const [a, b, c] = [Number(m[1]), Number(m[3]), Number(m[4])];
  let year: number;
  let month: number;
  let day: number;
  if (a > 31) [year, month, day] = [a, b, c];
  else if (m[2] === "/" && a <= 12) [year, month, day] = [c, a, b];
  else [year, month, day] = [c, b, a];
  if (year < 100) year += 2000;
  let hour = Number(m[5]);
  if (m[8] === "PM" && hour < 12) hour += 12;
  if (m[8] === "AM" && hour === 12) hour = 0;
  return isoFromParts(year, month - 1, day, hour, Number(m[6]), Number(m[7]));
}

export async function parseWindowsDns(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  const skips = new SkipCounter();
  let packets = 0;
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      const lineNo = batch.first + i;
      if (!line.includes(" PACKET ")) {
        if (line.trim().length > 0) skips.add("of header, notes and packet details", lineNo);
        continue;
      }
      count++;
      packets++;
      if (!net.text.test(line)) continue;
      const m = PACKET.exec(line);
      if (!m) {
        ctx.sink.issue({
          line: lineNo,
          code: "windows-dns-line",
          message: "PACKET line in an unknown layout",
        });
        continue;
      }
      // a client's question is a received query; responses and the server's own recursion are not
      if (m[10] !== "Rcv" || m[12] === "R") continue;
      const wire = m[15]!;
      if (!net.mayMatchName(normalizeDomain(wire))) continue;
      const at = timeOf(m);
      ctx.sink.observe(
        networkObservation(ctx, FORMAT, {
          kind: "dns",
          host: clientRef(m[11]!),
          fields: { domain: wire },
          line: lineNo,
          ...(at && { at }),
        }),
      );
    }
    ctx.sink.record(count);
  }
  skips.report(ctx);
  if (packets > 0)
    ctx.sink.issue({
      code: "local-time",
      severity: "info",
      message: "debug-log times are the server's local time with no zone; read as UTC",
    });
}
