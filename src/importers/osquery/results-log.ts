import type { HostRef, Observation } from "../../model/observation.js";
import { hostFromFile } from "../shared/host-from-file.js";
import { isObject, rawJsonMayMatch, str } from "../shared/json-records.js";
import type { ImportContext } from "../types.js";
import { DifferentialReplay, type EventScope, type HeldRow } from "./replay.js";
import { type Row, rowKey, rowText, type TableGuesser, toRow } from "./tables.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const CALENDAR = /^\w{3} (\w{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) UTC$/;

/** `unixTime` (string or number), else `calendarTime` (`Mon Jan  8 14:51:55 2018 UTC`), as UTC ISO. */
export function eventTime(event: Record<string, unknown>): string | undefined {
  const unix = Number(str(event.unixTime));
  if (Number.isFinite(unix) && unix > 0) return new Date(unix * 1000).toISOString();
  const m = CALENDAR.exec(str(event.calendarTime) ?? "");
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  return new Date(Date.UTC(+m[6]!, month, +m[2]!, +m[3]!, +m[4]!, +m[5]!)).toISOString();
}

/**
 * The host of an event: `hostIdentifier` (or `hostname` in old logs) and the `host_uuid` /
 * `hostname` decorations Fleet and most deployments add. An identifier that is a UUID
 * (`--host_identifier=uuid`) is an id, not a name.
 */
export function eventHost(event: Record<string, unknown>, fallback: string): HostRef {
  const dec = isObject(event.decorations) ? event.decorations : {};
  const ident = str(event.hostIdentifier) ?? str(event.hostname);
  const identIsId = ident !== undefined && UUID.test(ident);
  const name = str(dec.hostname) ?? (identIsId ? undefined : ident);
  const id = str(dec.host_uuid) ?? (identIsId ? ident : undefined);
  const ref: HostRef = {};
  if (name) ref.name = name;
  if (id) ref.id = id;
  if (!name && !id) ref.name = fallback;
  return ref;
}

type Shape = "event" | "snapshot" | "batch";

function shapeOf(event: Record<string, unknown>): Shape | undefined {
  if (Array.isArray(event.snapshot)) return "snapshot";
  if (isObject(event.diffResults)) return "batch";
  if (isObject(event.columns) && (event.action === "added" || event.action === "removed")) return "event";
  return undefined;
}

/**
 * osqueryd result logs, line by line: differential events replayed per host and query, snapshots
 * (the whole set each time) and batch `diffResults`. Observations are emitted at the end, once the
 * replay knows which rows are still there.
 */
export async function parseResultsLog(ctx: ImportContext, guesser: TableGuesser): Promise<void> {
  const { input, sink, options, file } = ctx;
  const fallbackHost = options.host ?? hostFromFile(file, [".log", ".json", ".ndjson", ".results"]);
  const replay = new DifferentialReplay();

  const hold = (
    host: HostRef,
    query: string,
    row: Row,
  ): [string, Omit<HeldRow, "present" | "at" | "line">] | undefined => {
    if (!sink.prefilter.test(rowText(row))) return undefined;
    const spec = guesser.of(row, query);
    if (!spec) return undefined;
    return [
      rowKey(row),
      { host: spec.platform ? { ...host, platform: spec.platform } : host, query, spec, row },
    ];
  };

  const rowsOf = (value: unknown): Row[] =>
    Array.isArray(value) ? value.map(toRow).filter((r): r is Row => r !== undefined) : [];

  for await (const batch of input.lines()) {
    for (let k = 0; k < batch.lines.length; k++) {
      const text = batch.lines[k]!.trim();
      const line = batch.first + k;
      if (text === "") continue;
      let event: unknown;
      try {
        event = JSON.parse(text);
      } catch {
        sink.record();
        sink.issue({ line, code: "osquery-bad-json", message: "line is not a JSON object" });
        continue;
      }
      const shape = isObject(event) ? shapeOf(event) : undefined;
      if (!isObject(event) || !shape) {
        sink.record();
        sink.issue({
          line,
          code: "osquery-not-a-result",
          message: "not an osqueryd result (no columns, snapshot or diffResults)",
          severity: "warning",
        });
        continue;
      }
      const host = eventHost(event, fallbackHost);
      const query = str(event.name) ?? "";
      const hostKey = `${host.name ?? ""}\0${host.id ?? ""}`;
      // built only for events that touch the replay: most lines of a big log never do
      let scope: EventScope | undefined;
      const scopeOf = (): EventScope =>
        (scope ??= { hostKey, query, epoch: str(event.epoch), at: eventTime(event), line });
      const mayMatch = rawJsonMayMatch(sink.prefilter, text);
      const tracked = replay.tracks(hostKey, query);
      if (shape === "event") {
        sink.record();
        const held = mayMatch ? hold(host, query, toRow(event.columns)!) : undefined;
        if (!held) {
          if (tracked) replay.touch(scopeOf());
          sink.seen(host);
        } else if (event.action === "added") replay.added(scopeOf(), ...held);
        else replay.removed(scopeOf(), ...held);
        continue;
      }
      if (shape === "snapshot") {
        const rows = rowsOf(event.snapshot);
        sink.record(Math.max(1, rows.length));
        const kept = new Map<string, Omit<HeldRow, "present" | "at" | "line">>();
        for (const row of mayMatch ? rows : []) {
          const held = hold(host, query, row);
          if (held) kept.set(...held);
        }
        // replaced even when nothing matched: what the previous snapshot held is then gone
        if (kept.size > 0 || tracked) replay.snapshot(scopeOf(), kept);
        if (kept.size < rows.length || rows.length === 0) sink.seen(host);
        continue;
      }
      const diff = event.diffResults as Record<string, unknown>;
      const removed = rowsOf(diff.removed);
      const added = rowsOf(diff.added);
      sink.record(Math.max(1, removed.length + added.length));
      let keptAny = false;
      if (tracked) replay.touch(scopeOf());
      for (const [rows, apply] of [
        [removed, replay.removed],
        [added, replay.added],
      ] as const) {
        for (const row of mayMatch ? rows : []) {
          const held = hold(host, query, row);
          if (!held) continue;
          apply.call(replay, scopeOf(), ...held);
          keptAny = true;
        }
      }
      if (!keptAny) sink.seen(host);
    }
  }

  for (const held of replay.rows()) sink.observe(observationOf(held, file));
}

export function observationOf(held: HeldRow, file: string): Observation {
  const obs: Observation = {
    host: held.host,
    kind: held.spec.kind,
    fields: held.spec.fields(held.row),
    origin: {
      format: "osquery",
      file,
      line: held.line,
      locator: held.query ? `query ${held.query} (${held.spec.table})` : held.spec.table,
    },
    state: held.present ? "present" : "removed",
  };
  if (held.at) obs.at = held.at;
  return obs;
}
