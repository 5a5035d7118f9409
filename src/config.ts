/**
 * The one place that reads the environment, so behaviour never depends on a variable read deep in
 * the code. Tests pass explicit values instead.
 */
export interface Config {
  /** Folder of the embedded database (PGlite). */
  dataDir: string | undefined;
  /** PostgreSQL connection string; when set, the store uses it instead of PGlite. */
  databaseUrl: string | undefined;
  /** PostgreSQL the store tests also run against (a fresh schema per run, dropped after). */
  testDatabaseUrl: string | undefined;
  /** Token that becomes an admin token on first start with an empty store. */
  bootstrapToken: string | undefined;
  /** Colour off, as https://no-color.org asks. */
  noColor: boolean;
  /** Print stack traces of unexpected errors. */
  debug: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: env.OFFRAMP_DATA || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    testDatabaseUrl: env.TEST_DATABASE_URL || undefined,
    bootstrapToken: env.OFFRAMP_BOOTSTRAP_TOKEN || undefined,
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== "",
    debug: Boolean(env.OFFRAMP_DEBUG),
  };
}
