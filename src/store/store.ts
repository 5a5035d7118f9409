import { AuditLog } from "./audit.js";
import { type BurndownBy, burndown } from "./burndown.js";
import { Campaign } from "./campaign-store.js";
import { ChangeCounter } from "./count-cache.js";
import type { Db } from "./db.js";
import { Findings } from "./findings-query.js";
import { Hosts } from "./hosts-query.js";
import { Inputs } from "./inputs-query.js";
import { migrate, schemaVersion } from "./migrate.js";
import { openPostgres } from "./pg-db.js";
import { openPglite } from "./pglite-db.js";
import { Tokens } from "./tokens.js";

export interface StoreOptions {
  /** PostgreSQL connection string; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; in memory when absent too. */
  dataDir?: string;
  /** Schema to work in (tests use a fresh one per run). */
  schema?: string;
}

/** Rows written since the last maintenance after which statistics and visibility maps are refreshed. */
const MAINTAIN_AFTER_ROWS = 20_000;

/** The workspace: one database, its schema migrated, and one object per area. */
export class Store {
  /** Bumped by every write through this object: cached totals compare against it. */
  readonly changes = new ChangeCounter();
  private pendingRows = 0;
  readonly hosts: Hosts;
  readonly findings: Findings;
  readonly inputs: Inputs;
  readonly campaign: Campaign;
  readonly audit: AuditLog;
  readonly tokens: Tokens;

  constructor(readonly db: Db) {
    this.hosts = new Hosts(db, this.changes);
    this.findings = new Findings(db);
    this.inputs = new Inputs(db);
    this.campaign = new Campaign(db, this.changes);
    this.audit = new AuditLog(db);
    this.tokens = new Tokens(db);
  }

  static async open(options: StoreOptions): Promise<Store> {
    const db = options.databaseUrl
      ? await openPostgres({ url: options.databaseUrl, ...(options.schema && { schema: options.schema }) })
      : await openPglite({
          ...(options.dataDir && { dataDir: options.dataDir }),
          ...(options.schema && { schema: options.schema }),
        });
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    return new Store(db);
  }

  burndown(by: BurndownBy, from: string | undefined, to: string) {
    return burndown(this.db, by, from, to);
  }

  /**
   * Called after a bulk write commits. The embedded engine has no autovacuum: without fresh
   * statistics the planner misjudges filters, and without a visibility map every count reads the
   * heap. After enough rows, the read-path tables are vacuumed and every table re-analysed.
   */
  async afterBulkWrite(rows: number): Promise<void> {
    this.changes.bump();
    this.pendingRows += rows;
    if (this.pendingRows < MAINTAIN_AFTER_ROWS) return;
    this.pendingRows = 0;
    await this.db.exec("VACUUM (ANALYZE) hosts, findings, items");
    await this.db.exec(
      "ANALYZE host_aliases, host_observations, finding_observations, evidence, item_events",
    );
  }

  /** Ready when the database answers and its schema is the one this code knows. */
  async ready(): Promise<{ engine: string; schemaVersion: number }> {
    return { engine: this.db.engine, schemaVersion: await schemaVersion(this.db) };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
