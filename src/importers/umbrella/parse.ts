import type { HostRef } from "../../model/observation.js";
import { splitCsvLine } from "../shared/csv.js";
import { isoFromIso } from "../shared/log-time.js";
import { networkFilter, networkObservation } from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";

export const FORMAT = "umbrella";

/**
 * Cisco Umbrella DNS log export (S3), no header, every field quoted: Timestamp, Most Granular
 * Identity, Identities, Internal IP, External IP, Action, QueryType, ResponseCode, Domain,
 * Categories (10 columns), then Most Granular Identity Type, Identity Types, Blocked Categories
 * (13). Some exporters put a space after the comma: skipped before a quote.
 */
const TIMESTAMP = 0;
const IDENTITY = 1;
const INTERNAL_IP = 3;
const ACTION = 5;
const DOMAIN = 8;
const IDENTITY_TYPE = 10;

const FIRST_FIELD = /^"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}",/;

export function sniffUmbrella(head: string): number {
  const lines = firstLines(head, 3);
  if (lines.length === 0) return 0;
  for (const line of lines) {
    if (!FIRST_FIELD.test(line)) return 0;
    const cells = splitCsvLine(line, ",");
    if (cells.length < 10 || !/^(Allowed|Blocked)$/.test(cells[ACTION] ?? "")) return 0;
  }
  return 0.9;
}

/** The client: its internal address, named by the identity when Umbrella says it is a computer. */
function hostOf(cells: string[]): HostRef | undefined {
  const ip = cells[INTERNAL_IP]?.trim();
  if (!ip) return undefined;
  const type = cells[IDENTITY_TYPE] ?? "";
  const name = cells[IDENTITY]?.trim();
  return /computer/i.test(type) && name && !/[\s,@()]/.test(name) ? { ip, name } : { ip };
}

export async function parseUmbrella(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      if (line.trim().length === 0) continue;
      count++;
      const lineNo = batch.first + i;
      if (!FIRST_FIELD.test(line)) {
        ctx.sink.issue({ line: lineNo, code: "umbrella-line", message: "not an Umbrella DNS log row" });
        continue;
      }
      if (!net.text.test(line)) continue;
      const cells = splitCsvLine(line, ",");
      if (cells.length < 10) {
        ctx.sink.issue({
          line: lineNo,
          code: "umbrella-columns",
          message: `${cells.length} columns, 10 or more expected`,
        });
        continue;
      }
      const domain = cells[DOMAIN]!;
      const host = hostOf(cells);
      if (!host || !net.mayMatchName(domain)) continue;
      const at = isoFromIso(cells[TIMESTAMP]!);
      ctx.sink.observe(
        networkObservation(ctx, FORMAT, {
          kind: "dns",
          host,
          fields: { domain },
          line: lineNo,
          locator: `action=${cells[ACTION]}`,
          ...(at && { at }),
        }),
      );
    }
    ctx.sink.record(count);
  }
}
