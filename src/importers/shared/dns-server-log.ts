import type { ImportContext } from "../types.js";
import { type BindLine, parseBindLine } from "./bind-query.js";
import { clientRef, networkFilter, networkObservation, SkipCounter } from "./network-records.js";
import { SyslogClock } from "./syslog-clock.js";

/**
 * Reads a DNS server's text log line by line: only lines that pass the network pre-filter are
 * taken apart (by `parse`, BIND's query-log grammar unless a format adds its own); every query
 * for a name becomes a dns observation of the client that asked.
 */
export async function readDnsServerLog(
  ctx: ImportContext,
  format: string,
  parse: (line: string, clock: SyslogClock) => BindLine = parseBindLine,
): Promise<void> {
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
      const r = parse(line, clock);
      if (r.kind === "query") {
        if (!net.mayMatchName(r.name)) continue;
        ctx.sink.observe(
          networkObservation(ctx, format, {
            kind: "dns",
            host: clientRef(r.client),
            fields: { domain: r.name, ...(r.server && { resolver: r.server }) },
            line: lineNo,
            ...(r.at && { at: r.at }),
          }),
        );
      } else if (r.kind === "other") skips.add(r.reason, lineNo);
      else skips.add("naming Kaspersky but not a client query", lineNo);
    }
    ctx.sink.record(count);
  }
  skips.report(ctx);
  clock.report(ctx);
}
