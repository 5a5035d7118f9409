import { readDnsServerLog } from "../shared/dns-server-log.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "bind";

const CLIENT_LINE = /\bclient (?:@0x[0-9a-fA-F]+ )?[0-9A-Fa-f:.]+#\d+/;

/** BIND query or security log lines: `client [@0x…] ADDR#PORT`, in a file channel or syslog. */
export function sniffBind(head: string): number {
  const lines = firstLines(head, 20);
  if (lines.length === 0) return 0;
  const clients = lines.filter((l) => CLIENT_LINE.test(l)).length;
  if (clients === 0 || clients < lines.length / 2) return 0;
  return lines.some((l) => / query[: ]/.test(l)) ? 0.8 : 0.5;
}

export async function parseBind(ctx: ImportContext): Promise<void> {
  await readDnsServerLog(ctx, FORMAT);
}
