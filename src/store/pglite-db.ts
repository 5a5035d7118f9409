import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { checkSchemaName, type Db, PARSERS, type Queryable } from "./db.js";
import { lockWorkspace } from "./workspace-lock.js";

export interface PgliteOptions {
  /** Folder of the database; in memory when absent (tests). */
  dataDir?: string;
  /** Schema to work in (tests share one instance between fresh schemas). */
  schema?: string;
}

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/** The embedded engine: PostgreSQL compiled to WebAssembly, in this process, data in a folder. */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  let unlock: (() => void) | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockWorkspace(options.dataDir);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(
      options.dataDir ? { dataDir: options.dataDir, parsers: PARSERS } : { parsers: PARSERS },
    );
    await pg.exec("SET TIME ZONE 'UTC'");
    if (options.schema) {
      const schema = checkSchemaName(options.schema);
      await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    }
  } catch (e) {
    unlock?.();
    throw e;
  }
  const base = wrap(pg);
  return {
    engine: "pglite",
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        unlock?.();
      }
    },
  };
}
