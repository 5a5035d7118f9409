import type { HostRef } from "../../model/observation.js";
import { isoFromIso } from "../shared/log-time.js";
import { networkFilter, networkObservation } from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "route53";

/** Route 53 Resolver query logs: one JSON object per line (CloudWatch, S3 `.gz`, Firehose). */
export function sniffRoute53(head: string): number {
  const [first] = firstLines(head, 1);
  if (!first?.startsWith("{")) return 0;
  try {
    const o = JSON.parse(first) as Record<string, unknown>;
    return typeof o.query_name === "string" && "srcaddr" in o && "query_timestamp" in o ? 0.95 : 0;
  } catch {
    return 0;
  }
}

type Rec = Record<string, unknown>;

/** The asking instance: its address, and the EC2 instance id when the resolver names one. */
function hostOf(o: Rec): HostRef | undefined {
  const ip = typeof o.srcaddr === "string" ? o.srcaddr : undefined;
  if (!ip) return undefined;
  const ids = typeof o.srcids === "object" && o.srcids !== null ? (o.srcids as Rec) : {};
  return typeof ids.instance === "string" ? { ip, id: ids.instance } : { ip };
}

export async function parseRoute53(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!.trim();
      if (line.length === 0) continue;
      count++;
      const lineNo = batch.first + i;
      if (!line.startsWith("{")) {
        ctx.sink.issue({ line: lineNo, code: "route53-line", message: "not a JSON query-log record" });
        continue;
      }
      if (!net.text.test(line)) continue;
      let o: Rec;
      try {
        o = JSON.parse(line) as Rec;
      } catch (e) {
        ctx.sink.issue({ line: lineNo, code: "route53-json", message: `bad JSON: ${(e as Error).message}` });
        continue;
      }
      const name = typeof o.query_name === "string" ? o.query_name : undefined;
      const host = hostOf(o);
      if (!name || !host || !net.mayMatchName(name)) continue;
      const at = typeof o.query_timestamp === "string" ? isoFromIso(o.query_timestamp) : undefined;
      const action = typeof o.firewall_rule_action === "string" ? o.firewall_rule_action : undefined;
      ctx.sink.observe(
        networkObservation(ctx, FORMAT, {
          kind: "dns",
          host,
          fields: { domain: name },
          line: lineNo,
          ...(action && { locator: `firewall=${action}` }),
          ...(at && { at }),
        }),
      );
    }
    ctx.sink.record(count);
  }
}
