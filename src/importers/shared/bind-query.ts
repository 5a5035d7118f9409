import { isoFromBindTime, MONTHS } from "./log-time.js";
import type { SyslogClock } from "./syslog-clock.js";
import { parseSyslog } from "./syslog-line.js";

/**
 * BIND 9 query-log lines and their relatives, as BIND, Infoblox NIOS and syslog write them:
 *   `17-Feb-2018 23:06:56.326 queries: info: client @0x7f.. 172.26.0.1#12345 (a.example): query: a.example IN A +E(0)K (172.26.0.3)`
 *   `client 1.2.3.4#53211: view internal: query: a.example IN A +` (older, no object address)
 *   `client 192.168.0.1#57398 UDP: query: a1.foo.com IN A response: NOERROR +ED …` (Infoblox capture)
 *   `client @0x… 192.168.1.1#3076 (example.com): query (cache) 'example.com/ANY/IN' denied` (security)
 * with or without a syslog header in front.
 */
export type BindLine =
  | { kind: "query"; client: string; name: string; at?: string; server?: string }
  | { kind: "other"; reason: string }
  | { kind: "unknown" };

const BIND_TIME = /(\d{1,2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)/;
const CLIENT =
  /\bclient (?:@0x[0-9a-fA-F]+ )?([0-9A-Fa-f:.]+)#(\d+)(?: \(([^)]*)\))?(?::? view [^:]+)?:? ?(?:(?:UDP|TCP): )?(.*)$/;
const QUERY = /^query: (\S+) (\S+) (\S+)(.*)$/;

const DENIED = /^query(?: \(cache\))? '([^'/]+)\/[^']*' denied/;

export function parseBindLine(raw: string, clock: SyslogClock | undefined): BindLine {
  const frame = parseSyslog(raw, undefined);
  const msg = frame.message;
  const client = CLIENT.exec(msg);
  if (!client) return { kind: "unknown" };
  const bindTime = BIND_TIME.exec(msg.slice(0, client.index));
  let at: string | undefined;
  if (bindTime) {
    at = isoFromBindTime(bindTime[1]!);
    if (at) clock?.anchor(Number(at.slice(0, 4)), MONTHS[bindTime[1]!.slice(3, 6).toLowerCase()] ?? 0);
  } else {
    at = parseSyslog(raw, clock).at;
  }
  const rest = client[4]!;
  const q = QUERY.exec(rest);
  if (q) {
    const server = /\(([0-9A-Fa-f:.]+)\)\s*$/.exec(q[4]!.split(" response: ")[0]!)?.[1];
    return { kind: "query", client: client[1]!, name: q[1]!, ...(at && { at }), ...(server && { server }) };
  }
  const denied = DENIED.exec(rest);
  if (denied) return { kind: "query", client: client[1]!, name: denied[1]!, ...(at && { at }) };
  const word = /^([a-z]+(?: [a-z]+)?)/.exec(rest)?.[1] ?? "client";
  return { kind: "other", reason: `of other client events (${word}…)` };
}
