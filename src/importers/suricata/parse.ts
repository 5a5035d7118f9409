import { isoFromIso } from "../shared/log-time.js";
import {
  clientRef,
  type NetworkRecord,
  networkFilter,
  networkObservation,
} from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext, NetworkFilter } from "../types.js";

export const FORMAT = "suricata";

/** EVE lines may carry a syslog or `@cee:` prefix before the JSON object. */
function jsonStart(line: string): number {
  if (line.startsWith("{")) return 0;
  const i = line.indexOf("{");
  return i > 0 && i < 256 ? i : -1;
}

export function sniffSuricata(head: string): number {
  for (const line of firstLines(head, 3)) {
    const at = jsonStart(line);
    if (at < 0) return 0;
    try {
      const o = JSON.parse(line.slice(at)) as Record<string, unknown>;
      if (
        typeof o.event_type === "string" &&
        typeof o.timestamp === "string" &&
        ("src_ip" in o || "flow_id" in o)
      )
        return 0.9;
    } catch {
      return 0;
    }
  }
  return 0;
}

const EVENT_TYPE = /"event_type"\s*:\s*"([a-z_]+)"/;
const DEST_PORT = /"dest_port"\s*:\s*(\d+)/;
const PROTO = /"proto"\s*:\s*"([A-Za-z0-9]+)"/;

type Eve = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
const obj = (v: unknown): Eve | undefined => (typeof v === "object" && v !== null ? (v as Eve) : undefined);

/**
 * Which of a line's events can match, before parsing it: names and issuers must pass the text
 * pre-filter, flows must be on a KSC port.
 */
function candidate(line: string, net: NetworkFilter): string | undefined {
  const type = EVENT_TYPE.exec(line)?.[1];
  if (type === "dns" || type === "tls" || type === "http") return net.text.test(line) ? type : undefined;
  if (type === "flow" || type === "netflow") {
    const port = Number(DEST_PORT.exec(line)?.[1]);
    const proto = PROTO.exec(line)?.[1];
    return proto && net.kscPort(proto, port) ? type : undefined;
  }
  return undefined;
}

/** DNS names of one event: v3 lists `queries`, v1 and v2 one `rrname` per event. */
function dnsNames(dns: Eve): { names: string[]; answer: boolean } {
  const version = typeof dns.version === "number" ? dns.version : 1;
  const type = str(dns.type) ?? "";
  const answer = type === "answer" || type === "response";
  if (Array.isArray(dns.queries)) {
    return { names: dns.queries.map((q) => str(obj(q)?.rrname)).filter((n): n is string => !!n), answer };
  }
  // v1 wrote one answer event per resource record, named by the record's owner (possibly a CNAME
  // target): only its query events say what the client asked.
  if (answer && version < 2) return { names: [], answer };
  const name = str(dns.rrname);
  return { names: name ? [name] : [], answer };
}

/** Remembers recent transactions so an answer event does not count a lookup twice. */
class RecentKeys {
  private readonly keys = new Set<string>();
  has(key: string): boolean {
    return this.keys.has(key);
  }
  add(key: string): void {
    if (this.keys.size >= 50_000) this.keys.clear();
    this.keys.add(key);
  }
}

function records(e: Eve, type: string, recent: RecentKeys): NetworkRecord[] {
  const at = str(e.timestamp) ? isoFromIso(e.timestamp as string) : undefined;
  let src = str(e.src_ip);
  let dst = str(e.dest_ip);
  let dstPort = e.dest_port;
  // older Suricata logs DNS responses in the packet's direction: the server is then the source
  if (type === "dns" && e.src_port === 53 && e.dest_port !== 53) {
    [src, dst] = [dst, src];
    dstPort = e.src_port;
  }
  if (!src) return [];
  const base = { host: clientRef(src), ...(at && { at }) };
  switch (type) {
    case "dns": {
      const dns = obj(e.dns);
      if (!dns) return [];
      const { names, answer } = dnsNames(dns);
      const key = `${String(e.flow_id ?? "")}:${String(dns.id ?? dns.tx_id ?? "")}`;
      if (answer && recent.has(key)) return [];
      recent.add(key);
      return names.map((domain) => ({
        kind: "dns",
        ...base,
        fields: { domain, ...(dst && { resolver: dst }) },
      }));
    }
    case "tls": {
      const tls = obj(e.tls);
      const sni = str(tls?.sni);
      const issuer = str(tls?.issuerdn);
      if (!sni && !issuer) return [];
      return [
        {
          kind: "tls",
          ...base,
          fields: {
            ...(sni && { domain: sni }),
            ...(issuer && { issuer }),
            ...(dst && { dstIp: dst }),
            ...(typeof dstPort === "number" && { dstPort: String(dstPort) }),
          },
        },
      ];
    }
    case "http": {
      const host = str(obj(e.http)?.hostname);
      return host ? [{ kind: "http", ...base, fields: { domain: host, ...(dst && { dstIp: dst }) } }] : [];
    }
    default: {
      const proto = str(e.proto)?.toLowerCase();
      if (!proto || !dst || typeof dstPort !== "number") return [];
      return [{ kind: "flow", ...base, fields: { dstIp: dst, dstPort: String(dstPort), proto } }];
    }
  }
}

export async function parseSuricata(ctx: ImportContext): Promise<void> {
  const net = networkFilter(ctx);
  const recent = new RecentKeys();
  for await (const batch of ctx.input.lines()) {
    let count = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      const lineNo = batch.first + i;
      if (line.trim().length === 0) continue;
      count++;
      const at = jsonStart(line);
      if (at < 0) {
        ctx.sink.issue({ line: lineNo, code: "eve-line", message: "not an EVE JSON event" });
        continue;
      }
      const type = candidate(line, net);
      if (!type) continue;
      let e: Eve;
      try {
        e = JSON.parse(line.slice(at)) as Eve;
      } catch (err) {
        ctx.sink.issue({ line: lineNo, code: "eve-json", message: `bad JSON: ${(err as Error).message}` });
        continue;
      }
      if (e.event_type !== type) continue;
      for (const r of records(e, type, recent))
        ctx.sink.observe(networkObservation(ctx, FORMAT, { ...r, line: lineNo }));
    }
    ctx.sink.record(count);
  }
}
