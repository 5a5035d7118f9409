import { randomBytes } from "node:crypto";
import pg from "pg";
import { readConfig } from "../src/config.js";
import { Store } from "../src/store/store.js";

export interface EngineCase {
  name: "pglite" | "postgres";
  /** A fresh, migrated, empty store; closing it drops what it made. */
  open(): Promise<Store>;
}

let noticed = false;

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (`.ci/run` sets it), each store in a
 * fresh schema dropped on close so parallel runs never see each other.
 */
export function storeEngines(): EngineCase[] {
  const url = readConfig().testDatabaseUrl;
  const cases: EngineCase[] = [{ name: "pglite", open: () => Store.open({}) }];
  if (url) {
    cases.push({
      name: "postgres",
      async open() {
        const schema = `offramp_t_${randomBytes(6).toString("hex")}`;
        const store = await Store.open({ databaseUrl: url, schema });
        const close = store.close.bind(store);
        store.close = async () => {
          await close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          } finally {
            await client.end();
          }
        };
        return store;
      },
    });
  } else if (!noticed) {
    noticed = true;
    console.warn(
      "[skip] TEST_DATABASE_URL is not set: the store tests run on PGlite only, not on PostgreSQL",
    );
  }
  return cases;
}
