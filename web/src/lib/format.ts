/** Instants as `YYYY-MM-DD HH:MM UTC`: the same on every machine, like the reports. */
export function instant(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/** A day as the API gives it, or the day of an instant (in UTC). */
export function day(iso: string | null | undefined): string {
  if (!iso) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in UTC, the calendar the API's dates use. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** The file extension for a report format's download. */
export const REPORT_EXTENSION: Record<string, string> = {
  table: "txt",
  json: "json",
  csv: "csv",
  sarif: "sarif",
  md: "md",
  html: "html",
};

/** A regime deadline as the regime states it: `2024-09-29 00:00 UTC−04:00` for an instant with its zone. */
export function deadline(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return text;
  const zone = m[3] === "Z" ? "UTC" : `UTC${m[3]!.replace("-", "−")}`;
  return `${m[1]} ${m[2]} ${zone}`;
}
