import { isoFromEpoch } from "../shared/log-time.js";
import { clientRef, networkFilter, networkObservation, SkipCounter } from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "squid";

/** Native `logformat squid`: time elapsed client code/status bytes method URL user hierarchy type. */
const NATIVE = /^(\d{9,11}\.\d{1,3})\s+(-?\d+) (\S+) ([A-Z_]+|NONE)\/(\d{3}) (\d+) ([A-Za-z_-]+) (\S+)/;

export function sniffSquid(head: string): number {
  const lines = firstLines(head, 5);
  return lines.length > 0 && lines.every((l) => NATIVE.test(l)) ? 0.9 : 0;
}

/** The host of a request: `host:443` for CONNECT, `scheme://host[:port]/…` otherwise. */
export function hostOfUrl(url: string): string | undefined {
  const scheme = url.indexOf("://");
  let rest = scheme >= 0 ? url.slice(scheme + 3) : url;
  const slash = rest.search(/[/?#]/);
  if (slash >= 0) rest = rest.slice(0, slash);
  const at = rest.lastIndexOf("@");
  if (at >= 0) rest = rest.slice(at + 1);
  if (rest.startsWith("[")) return rest.slice(1, rest.indexOf("]") >>> 0) || undefined;
  const colon = rest.lastIndexOf(":");
  return (colon > 0 ? rest.slice(0, colon) : rest) || undefined;
}

export async function parseSquid(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  const skips = new SkipCounter();
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      if (line.trim().length === 0) continue;
      count++;
      const lineNo = batch.first + i;
      if (!net.text.test(line)) {
        if (!/^\d/.test(line))
          ctx.sink.issue({ line: lineNo, code: "squid-line", message: "not a native access.log line" });
        continue;
      }
      const m = NATIVE.exec(line);
      if (!m) {
        ctx.sink.issue({ line: lineNo, code: "squid-line", message: "not a native access.log line" });
        continue;
      }
      const host = hostOfUrl(m[8]!);
      if (!host || !net.mayMatchName(host)) {
        skips.add("naming Kaspersky outside the requested host", lineNo);
        continue;
      }
      const at = isoFromEpoch(m[1]!);
      const peer = /\s(?:HIER_)?[A-Z_]+\/([0-9A-Fa-f:.]+)\s/.exec(line.slice(m[0].length))?.[1];
      ctx.sink.observe(
        networkObservation(ctx, FORMAT, {
          kind: "http",
          host: clientRef(m[3]!),
          fields: { domain: host, ...(peer && { dstIp: peer }) },
          line: lineNo,
          locator: `${m[7]} ${m[4]}/${m[5]}`,
          ...(at && { at }),
        }),
      );
    }
    ctx.sink.record(count);
  }
  skips.report(ctx);
}
