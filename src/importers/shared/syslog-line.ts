import { isoFromIso } from "./log-time.js";
import { SYSLOG_STAMP, type SyslogClock } from "./syslog-clock.js";

/** A syslog line taken apart: when, who sent it, and the message after the header. */
export interface SyslogLine {
  /** UTC ISO time: from an RFC 5424 time stamp, or a BSD one given a year by the clock. */
  at?: string;
  host?: string;
  program?: string;
  message: string;
}

const PRI = /^<\d{1,3}>/;
const RFC5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|\[.*?\]) ?/;
/** After a BSD stamp: `host prog[pid]: `, `prog[pid]: `, `host prog: ` (host may be an address). */
const BSD_TAIL = /^(?:(\S+) )??([A-Za-z0-9_./-]+)(?:\[(\d+)\])?: /;

/**
 * Parses the syslog framing many network logs come in (BSD `Mon DD HH:MM:SS host prog[pid]: `,
 * with or without the host, and RFC 5424 `<PRI>1 TIMESTAMP HOST APP PID MSGID SD`). Lines without
 * framing come back whole as the message, with no time.
 */
export function parseSyslog(raw: string, clock: SyslogClock | undefined): SyslogLine {
  let line = raw;
  const pri = PRI.exec(line);
  if (pri) line = line.slice(pri[0].length);
  const r5424 = RFC5424.exec(line);
  if (r5424) {
    const at = isoFromIso(r5424[1]!);
    const nil = (v: string) => (v === "-" ? undefined : v);
    return {
      ...(at && { at }),
      ...(nil(r5424[2]!) && { host: r5424[2] }),
      ...(nil(r5424[3]!) && { program: r5424[3] }),
      message: line.slice(r5424[0].length),
    };
  }
  const stamp = SYSLOG_STAMP.exec(line);
  if (!stamp) return { message: line };
  const rest = line.slice(stamp[0].length).replace(/^ +/, "");
  const tail = BSD_TAIL.exec(rest);
  const at = clock?.at(stamp);
  return {
    ...(at && { at }),
    ...(tail?.[1] && { host: tail[1] }),
    ...(tail?.[2] && { program: tail[2] }),
    message: tail ? rest.slice(tail[0].length) : rest,
  };
}
