import { type BindLine, parseBindLine } from "../shared/bind-query.js";
import { readDnsServerLog } from "../shared/dns-server-log.js";
import type { SyslogClock } from "../shared/syslog-clock.js";
import { parseSyslog } from "../shared/syslog-line.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "infoblox";

/** NIOS syslog: BIND lines under `named[pid]`, the `UDP: query: … response:` capture, RPZ hits as CEF. */
export function sniffInfoblox(head: string): number {
  const lines = firstLines(head, 20);
  if (lines.some((l) => l.includes("CEF:0|Infoblox|NIOS|"))) return 0.9;
  const capture = lines.filter(
    (l) => / named\[\d+\]: /.test(l) && /#\d+ (UDP|TCP): query: .* response: /.test(l),
  );
  return capture.length > 0 ? 0.9 : 0;
}

const CEF_QNAME = /\brpz QNAME \S+ rewrite (\S+) \[/;
const CEF_SRC = /\bsrc=([0-9A-Fa-f:.]+)/;

/** An RPZ hit logged as CEF names the client (`src=`) and the query name (in `msg`). */
function parseInfobloxLine(line: string, clock: SyslogClock): BindLine {
  const cef = line.indexOf("CEF:0|Infoblox|");
  if (cef < 0) return parseBindLine(line, clock);
  const name = CEF_QNAME.exec(line)?.[1];
  const client = CEF_SRC.exec(line)?.[1];
  if (!name || !client) return { kind: "other", reason: "of CEF events that are not RPZ query-name hits" };
  const at = parseSyslog(line.slice(0, cef), clock).at;
  return { kind: "query", client, name, ...(at && { at }) };
}

export async function parseInfoblox(ctx: ImportContext): Promise<void> {
  await readDnsServerLog(ctx, FORMAT, parseInfobloxLine);
}
