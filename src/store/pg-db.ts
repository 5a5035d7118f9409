import pg from "pg";
import { checkSchemaName, type Db, PARSERS, type Queryable } from "./db.js";

export interface PgOptions {
  url: string;
  schema?: string;
  /** Connections in the pool; ingests serialise on a lock, reads run beside them. */
  max?: number;
}

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    const parser = PARSERS[oid];
    return parser ?? pg.types.getTypeParser(oid, format);
  },
};

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query(sql, params as unknown[]);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  };
}

/** PostgreSQL through a `pg` pool, for estates too large for one process or shared by several servers. */
export async function openPostgres(options: PgOptions): Promise<Db> {
  const schema = options.schema ? checkSchemaName(options.schema) : undefined;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 8,
    types,
    options: `-c TimeZone=UTC${schema ? ` -c search_path=${schema}` : ""}`,
  });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on("error", () => {});
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const base = wrap(pool);
  return {
    engine: "postgres",
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
