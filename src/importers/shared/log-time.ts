/**
 * Timestamps of network logs, all turned into one spelling: UTC ISO 8601 with milliseconds
 * (`2024-09-29T04:00:00.000Z`), so that times from different formats sort as strings.
 */

export const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Milliseconds since the epoch → ISO; undefined outside 1970–2100 (a garbled field, not a time). */
export function isoFromMs(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < 0 || ms > 4_102_444_800_000) return undefined;
  return new Date(ms).toISOString();
}

/** Epoch seconds with an optional fraction (`1521911720.865716`), as Zeek and Squid write them. */
export function isoFromEpoch(text: string): string | undefined {
  const m = /^(\d{9,11})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = (m[2] ?? "").padEnd(3, "0").slice(0, 3);
  return isoFromMs(Number(m[1]) * 1000 + Number(frac));
}

/** A wall-clock time with no zone, read as UTC (the caller says so in an issue). */
export function isoFromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms = 0,
): string | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return undefined;
  return isoFromMs(Date.UTC(year, month, day, hour, minute, second, ms));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;

/**
 * ISO 8601 and its log variants: `Z`, `+01:00`, `+0100` (Suricata), a space for the `T`, any number of
 * fraction digits. A time without a zone is UTC (Sysmon `UtcTime`, Umbrella).
 */
export function isoFromIso(text: string): string | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const ms = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    ms,
  );
  const zone = m[8];
  if (!zone || /^(z|utc)$/i.test(zone)) return isoFromMs(utc);
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  return isoFromMs(utc - sign * offset);
}

/** BIND and Infoblox: `17-Feb-2018 23:06:56.326` (server local time, no zone: read as UTC). */
export function isoFromBindTime(text: string): string | undefined {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return undefined;
  const ms = Number((m[7] ?? "").padEnd(3, "0"));
  return isoFromParts(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}
