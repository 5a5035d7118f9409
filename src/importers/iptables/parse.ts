import { observeFlow } from "../shared/flow-record.js";
import { SyslogClock } from "../shared/syslog-clock.js";
import { parseSyslog } from "../shared/syslog-line.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "iptables";

const PACKET = /\bIN=\S* OUT=\S* .*\bSRC=/;

export function sniffIptables(head: string): number {
  const lines = firstLines(head, 10);
  const ours = lines.filter((l) => PACKET.test(l)).length;
  return ours > 0 && ours >= lines.length / 2 ? 0.85 : 0;
}

const KEY = (k: string) => new RegExp(`\\b${k}=(\\S+)`);
const SRC = KEY("SRC");
const DST = KEY("DST");
const PROTO = KEY("PROTO");
const DPT = KEY("DPT");

/**
 * Netfilter LOG lines (`kernel: [uptime] PREFIX IN=… OUT=… SRC=… DST=… PROTO=TCP SPT=… DPT=…`,
 * also nftables `log`): KEY=VALUE tokens; the bracketed number is seconds since boot, not a time,
 * so the syslog stamp dates the packet.
 */
export async function parseIptables(ctx: ImportContext): Promise<void> {
  const clock = new SyslogClock(ctx);
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      if (line.trim().length === 0) continue;
      count++;
      const lineNo = batch.first + i;
      const dport = DPT.exec(line)?.[1];
      if (!dport) {
        if (!/\bSRC=/.test(line))
          ctx.sink.issue({ line: lineNo, code: "iptables-line", message: "not a netfilter LOG line" });
        continue;
      }
      const proto = PROTO.exec(line)?.[1];
      const port = Number(dport);
      if (!proto || (ctx.sink.network && !ctx.sink.network.kscPort(proto, port))) continue;
      const src = SRC.exec(line)?.[1];
      const dst = DST.exec(line)?.[1];
      if (!src || !dst) continue;
      const at = parseSyslog(line, clock).at;
      const prefix = /kernel:\s*(?:\[\s*[\d.]+\]\s*)?([^=]*?)\s*IN=/.exec(line)?.[1];
      observeFlow(ctx, FORMAT, {
        src,
        dst,
        proto,
        dstPort: port,
        line: lineNo,
        ...(at && { at }),
        ...(prefix && { locator: prefix }),
      });
    }
    ctx.sink.record(count);
  }
  clock.report(ctx);
}
