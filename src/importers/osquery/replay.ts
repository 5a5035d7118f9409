import type { HostRef } from "../../model/observation.js";
import type { Row, TableSpec } from "./tables.js";

/** A row as the log last left it: still there, or reported gone. */
export interface HeldRow {
  host: HostRef;
  query: string;
  spec: TableSpec;
  row: Row;
  present: boolean;
  /** When it was last added (present) or when it went (removed). */
  at?: string;
  line: number;
}

interface QueryState {
  epoch?: string;
  rows: Map<string, HeldRow>;
}

/** Where an event happened: which host ran which query, and when. */
export interface EventScope {
  hostKey: string;
  query: string;
  epoch?: string;
  at?: string;
  line: number;
}

/**
 * The state a differential log describes, per host and query. osquery logs a row once when it
 * appears and once when it goes, so the state is only known by replaying every event in order: a
 * row removed and not added back was there and is gone (a historical fact). Only rows that passed
 * the pre-filter are held, so memory grows with what could match, not with the log.
 */
export class DifferentialReplay {
  private readonly queries = new Map<string, QueryState>();

  private state(scope: EventScope): QueryState {
    const key = `${scope.hostKey}\0${scope.query}`;
    let s = this.queries.get(key);
    if (!s) {
      s = { epoch: scope.epoch, rows: new Map() };
      this.queries.set(key, s);
    } else if (scope.epoch !== undefined && s.epoch !== scope.epoch) {
      // A new epoch re-logs every current row as added; a row of the old epoch that is not
      // logged again is gone, and is marked so now (added back below if it shows up).
      this.dropPresent(s, scope);
      s.epoch = scope.epoch;
    }
    return s;
  }

  private dropPresent(s: QueryState, scope: EventScope, keep?: ReadonlySet<string>): void {
    for (const [key, held] of s.rows) {
      if (!held.present || keep?.has(key)) continue;
      held.present = false;
      held.at = scope.at;
      held.line = scope.line;
    }
  }

  /** Whether rows of this host and query are held: only then can an event without rows change anything. */
  tracks(hostKey: string, query: string): boolean {
    return this.queries.has(`${hostKey}\0${query}`);
  }

  /** Applies the epoch of an event whose rows were all filtered out. */
  touch(scope: EventScope): void {
    this.state(scope);
  }

  added(scope: EventScope, key: string, held: Omit<HeldRow, "present" | "at" | "line">): void {
    this.state(scope).rows.set(key, { ...held, present: true, at: scope.at, line: scope.line });
  }

  removed(scope: EventScope, key: string, held: Omit<HeldRow, "present" | "at" | "line">): void {
    this.state(scope).rows.set(key, { ...held, present: false, at: scope.at, line: scope.line });
  }

  /** A snapshot is the whole set: held rows missing from it are gone. */
  snapshot(scope: EventScope, rows: Map<string, Omit<HeldRow, "present" | "at" | "line">>): void {
    const s = this.state(scope);
    this.dropPresent(s, scope, new Set(rows.keys()));
    for (const [key, held] of rows)
      s.rows.set(key, { ...held, present: true, at: scope.at, line: scope.line });
  }

  /**
   * The final state. A removed row whose identity (bundle id, extension id, package, service,
   * driver, process or name) is present again in the same query was updated, not removed: osquery
   * logs an upgrade as removed + added, and an upgrade may change version and MSI product code.
   */
  *rows(): Generator<HeldRow> {
    for (const s of this.queries.values()) {
      const present = new Set<string>();
      for (const held of s.rows.values()) if (held.present) present.add(identity(held));
      for (const held of s.rows.values()) if (held.present || !present.has(identity(held))) yield held;
    }
  }
}

const IDENTITY = ["bundleId", "extensionId", "package", "service", "driver", "process", "name"] as const;

function identity(held: HeldRow): string {
  const fields = held.spec.fields(held.row);
  const key = IDENTITY.find((k) => fields[k]);
  return key ? `${key}:${fields[key]!.toLowerCase()}` : JSON.stringify(held.row);
}
