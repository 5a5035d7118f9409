import { networkFilter, networkObservation } from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";
import { type DnsEvent, eventFromJson, eventFromXml, eventTime } from "./events.js";

export const FORMAT = "sysmon-dns";
const DNS_EVENT = 22;

const XML_EVENT = /<Event xmlns=["']http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event["']/;

/** Windows event logs as JSON lines or XML; claimed firmly when Sysmon or DNS query events show. */
export function sniffSysmonDns(head: string): number {
  if (XML_EVENT.test(head)) return head.includes("Microsoft-Windows-Sysmon") ? 0.85 : 0.5;
  const lines = firstLines(head, 5);
  if (lines.length === 0 || !lines.every((l) => l.startsWith("{"))) return 0;
  try {
    const o = JSON.parse(lines[0]!) as Record<string, unknown>;
    const windows = "EventID" in o || "winlog" in o || "event_data" in o;
    if (!windows) return 0;
    return /Microsoft-Windows-Sysmon|"QueryName"/.test(head) ? 0.85 : 0.6;
  } catch {
    return 0;
  }
}

/** A DNS query event becomes a dns observation of the computer; a Kaspersky-like image also a process one. */
function emit(ctx: ImportContext, e: DnsEvent, line: number): void {
  if (e.eventId !== DNS_EVENT || !e.computer) return;
  const net = networkFilter(ctx);
  const at = eventTime(e);
  const host = { name: e.computer, platform: "windows" as const };
  if (e.queryName && net.mayMatchName(e.queryName)) {
    ctx.sink.observe(
      networkObservation(ctx, FORMAT, {
        kind: "dns",
        host,
        fields: { domain: e.queryName },
        line,
        ...(e.image && { locator: e.image }),
        ...(at && { at }),
      }),
    );
  }
  // the process that asked is evidence of its own (avp.exe resolving anything names the product)
  if (e.image && ctx.sink.prefilter.test(e.image)) {
    ctx.sink.observe({
      host,
      kind: "process",
      fields: { process: e.image, path: e.image },
      origin: { format: FORMAT, file: ctx.file, line, locator: "Image of a DNS query event" },
      ...(at && { at }),
    });
  }
}

async function parseJsonLines(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!.trim();
      if (line.length === 0) continue;
      count++;
      const lineNo = batch.first + i;
      if (!line.startsWith("{")) {
        ctx.sink.issue({ line: lineNo, code: "event-json", message: "not a JSON event" });
        continue;
      }
      if (!net.text.test(line) && !ctx.sink.prefilter.test(line)) continue;
      try {
        emit(ctx, eventFromJson(JSON.parse(line) as Record<string, unknown>), lineNo);
      } catch (e) {
        ctx.sink.issue({ line: lineNo, code: "event-json", message: `bad JSON: ${(e as Error).message}` });
      }
    }
    ctx.sink.record(count);
  }
}

/** XML events one `<Event>…</Event>` at a time (wevtutil writes no root element; others wrap one). */
async function parseXml(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  let parts: string[] = [];
  let start = 0;
  const flush = (lineNo: number) => {
    const xml = parts.join("\n");
    parts = [];
    if (!xml.includes("<Event")) return;
    ctx.sink.record();
    if (!xml.includes("</Event>")) {
      ctx.sink.issue({
        line: start,
        code: "event-xml",
        message: "event not closed before the end of the input",
      });
      return;
    }
    if (!net.text.test(xml) && !ctx.sink.prefilter.test(xml)) return;
    emit(ctx, eventFromXml(xml), start || lineNo);
  };
  for await (const batch of ctx.input.lines()) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      const lineNo = batch.first + i;
      const open = line.indexOf("<Event ");
      const openBare = line.indexOf("<Event>");
      const at = open >= 0 ? open : openBare;
      if (at >= 0) {
        if (parts.length > 0) flush(lineNo);
        start = lineNo;
        parts.push(line.slice(at));
      } else if (parts.length > 0) parts.push(line);
      if (parts.length > 0 && line.includes("</Event>")) flush(lineNo);
      if (parts.length > 2000) {
        ctx.sink.issue({ line: start, code: "event-xml", message: "event longer than 2000 lines; skipped" });
        parts = [];
      }
    }
  }
  if (parts.length > 0) flush(start);
}

export async function parseSysmonDns(ctx: ImportContext): Promise<void> {
  if (XML_EVENT.test(ctx.input.head) || /^\s*(<\?xml|<Events?[\s>])/.test(ctx.input.head))
    await parseXml(ctx);
  else await parseJsonLines(ctx);
}
