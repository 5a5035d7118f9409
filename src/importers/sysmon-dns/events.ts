import { isoFromIso } from "../shared/log-time.js";

/** The parts of a Sysmon event 22 (DNSEvent) offramp reads, whatever shipper wrote it. */
export interface DnsEvent {
  computer?: string;
  queryName?: string;
  utcTime?: string;
  image?: string;
  eventId?: number;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
const objOf = (v: unknown): Obj | undefined => (typeof v === "object" && v !== null ? (v as Obj) : undefined);

/**
 * A JSON event: flat keys (OTRF / HELK / NXLog: `EventID`, `Hostname`, `QueryName`), Winlogbeat
 * (`winlog.event_id`, `winlog.event_data.QueryName`, `winlog.computer_name` or `host.name`), or
 * a bare `event_data` object.
 */
export function eventFromJson(o: Obj): DnsEvent {
  const winlog = objOf(o.winlog);
  const data = objOf(winlog?.event_data) ?? objOf(o.event_data) ?? o;
  const id = winlog?.event_id ?? o.EventID ?? o.event_id;
  const computer =
    str(winlog?.computer_name) ??
    str(o.Hostname) ??
    str(o.computer_name) ??
    str(objOf(o.host)?.name) ??
    str(o.Computer);
  return {
    ...(id !== undefined && { eventId: Number(id) }),
    ...(computer && { computer }),
    ...(str(data.QueryName) && { queryName: str(data.QueryName) }),
    ...(str(data.UtcTime) && { utcTime: str(data.UtcTime) }),
    ...(str(data.Image) && { image: str(data.Image) }),
  };
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

const EVENT_ID = /<EventID[^>]*>\s*(\d+)\s*<\/EventID>/;
const COMPUTER = /<Computer>([^<]*)<\/Computer>/;
const DATA = /<Data Name=["'](\w+)["']\s*(?:\/>|>([^<]*)<\/Data>)/g;

/**
 * One `<Event>` element as Windows renders it (`wevtutil qe /f:xml`, `Get-WinEvent | ToXml()`,
 * python-evtx), read with patterns rather than an XML parser: the element set is fixed, entities
 * are decoded only as the five predefined ones and character references.
 */
export function eventFromXml(xml: string): DnsEvent {
  const id = EVENT_ID.exec(xml)?.[1];
  const computer = COMPUTER.exec(xml)?.[1];
  const data: Record<string, string> = {};
  for (const m of xml.matchAll(DATA)) data[m[1]!] = decodeXml(m[2] ?? "");
  return {
    ...(id !== undefined && { eventId: Number(id) }),
    ...(computer && { computer: decodeXml(computer) }),
    ...(data.QueryName && { queryName: data.QueryName }),
    ...(data.UtcTime && { utcTime: data.UtcTime }),
    ...(data.Image && { image: data.Image }),
  };
}

export function eventTime(e: DnsEvent): string | undefined {
  return e.utcTime ? isoFromIso(e.utcTime) : undefined;
}
