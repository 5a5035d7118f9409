/**
 * The one interface both engines (PGlite embedded, PostgreSQL through `pg`) implement. Every query
 * binds its values as parameters; nothing from an input is ever spliced into SQL text.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters: migrations only. */
  exec(sql: string): Promise<void>;
}

export type Engine = "pglite" | "postgres";

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Runs `fn` in one transaction: all of it commits or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Type OIDs whose default parsing differs between the engines. */
export const OID = { int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184, date: 1082 } as const;

/**
 * Sessions run in UTC, so a timestamptz arrives as `2024-09-29 04:00:00.123+00`; both engines turn
 * it into the same ISO string, and counts into numbers, so answers compare equal across engines.
 */
export function isoFromPg(text: string): string {
  const t = text.replace(" ", "T").replace(/\+00(:00)?$/, "Z");
  const ms = Date.parse(/[Z+-]\d*:?\d*$/.test(t.slice(10)) ? t : `${t}Z`);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

export const PARSERS: Record<number, (text: string) => unknown> = {
  [OID.int8]: (t) => Number(t),
  [OID.numeric]: (t) => Number(t),
  [OID.timestamp]: isoFromPg,
  [OID.timestamptz]: isoFromPg,
  [OID.date]: (t) => t,
};

/** Identifier check for schema names given by tests and configuration (they go into `SET search_path`). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return schema;
}
