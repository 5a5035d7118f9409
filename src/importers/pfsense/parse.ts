import { observeFlow } from "../shared/flow-record.js";
import { SyslogClock } from "../shared/syslog-clock.js";
import { parseSyslog } from "../shared/syslog-line.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "pfsense";

const FILTERLOG = /\bfilterlog(?:\[\d+\]:| \d+ - - | - - - )/;

export function sniffPfsense(head: string): number {
  const lines = firstLines(head, 10);
  const ours = lines.filter((l) => FILTERLOG.test(l)).length;
  return ours > 0 && ours >= lines.length / 2 ? 0.9 : 0;
}

/**
 * The CSV after the syslog header: rule, sub-rule, anchor, tracker, interface, reason, action,
 * direction, IP version, then per version: IPv4 tos, ecn, ttl, id, offset, flags, protocol id,
 * protocol, length, src, dst, src port, dst port…; IPv6 class, flow label, hop limit, protocol,
 * protocol id, length, src, dst, src port, dst port…
 */
export function filterlogFlow(
  csv: string,
): { src: string; dst: string; proto: string; dstPort: number; action: string } | undefined {
  const f = csv.split(",");
  const action = f[6] ?? "";
  const version = f[8];
  let proto: string | undefined;
  let at: number;
  if (version === "4") {
    proto = f[16];
    at = 18;
  } else if (version === "6") {
    proto = f[12];
    at = 15;
  } else return undefined;
  proto = proto?.toLowerCase();
  if (proto !== "tcp" && proto !== "udp") return undefined;
  const src = f[at];
  const dst = f[at + 1];
  const dstPort = Number(f[at + 3]);
  if (!src || !dst || !Number.isInteger(dstPort)) return undefined;
  return { src, dst, proto, dstPort, action };
}

export async function parsePfsense(ctx: ImportContext): Promise<void> {
  const clock = new SyslogClock(ctx);
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      if (line.trim().length === 0) continue;
      count++;
      const lineNo = batch.first + i;
      const frame = parseSyslog(line, undefined);
      if (!/^\d*,/.test(frame.message)) {
        ctx.sink.issue({ line: lineNo, code: "filterlog-line", message: "not a filterlog record" });
        continue;
      }
      const flow = filterlogFlow(frame.message);
      if (!flow) continue;
      // the time only for the rare flow on a KSC port (a year-less stamp costs a clock step)
      const cheap = { ...flow, line: lineNo, locator: flow.action };
      if (!ctx.sink.network || ctx.sink.network.kscPort(flow.proto, flow.dstPort)) {
        const at = parseSyslog(line, clock).at;
        observeFlow(ctx, FORMAT, { ...cheap, ...(at && { at }) });
      }
    }
    ctx.sink.record(count);
  }
  clock.report(ctx);
}
