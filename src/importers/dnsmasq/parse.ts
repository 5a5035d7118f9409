import { clientRef, networkFilter, networkObservation, SkipCounter } from "../shared/network-records.js";
import { SyslogClock } from "../shared/syslog-clock.js";
import { parseSyslog } from "../shared/syslog-line.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "dnsmasq";

const PROGRAM =
  /^(?:<\d+>)?[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} (?:\S+ )?(dnsmasq|pihole-FTL)\[\d+\]: /;
/** `query[A] name from client`, optionally after the `log-queries=extra` id and client/port. */
const QUERY = /^(?:\d+ [0-9A-Fa-f:.]+\/\d+ )?query\[[A-Za-z0-9]+\] (\S+) from (\S+)/;

export function sniffDnsmasq(head: string): number {
  const lines = firstLines(head, 10);
  const ours = lines.filter((l) => PROGRAM.test(l)).length;
  return ours > 0 && ours >= lines.length / 2 ? 0.9 : 0;
}

/**
 * dnsmasq and Pi-hole (`log-queries`): only `query[…] NAME from CLIENT` lines say who asked; the
 * forwarded, reply, cached and blocked lines that follow are the same transaction.
 */
export async function parseDnsmasq(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  const clock = new SyslogClock(ctx);
  const skips = new SkipCounter();
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      if (line.trim().length === 0) continue;
      count++;
      if (!net.text.test(line)) continue;
      const lineNo = batch.first + i;
      const frame = parseSyslog(line, clock);
      const q = QUERY.exec(frame.message);
      if (!q) {
        skips.add("of forwarded, reply, cached or blocked results (the query line says who asked)", lineNo);
        continue;
      }
      if (!net.mayMatchName(q[1]!)) continue;
      ctx.sink.observe(
        networkObservation(ctx, FORMAT, {
          kind: "dns",
          host: clientRef(q[2]!),
          fields: { domain: q[1]! },
          line: lineNo,
          ...(frame.at && { at: frame.at }),
        }),
      );
    }
    ctx.sink.record(count);
  }
  skips.report(ctx);
  clock.report(ctx);
}
