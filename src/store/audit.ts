import { unnest } from "./bulk.js";
import type { Queryable } from "./db.js";
import type { AuditEntry, Page } from "./types.js";

export interface AuditRecord {
  at: Date;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

/** Appends to the audit log; the table's trigger refuses any update or delete. */
export async function appendAudit(tx: Queryable, ...records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  const u = unnest(
    [
      ["at", "timestamptz"],
      ["actor", "text"],
      ["action", "text"],
      ["subject", "text"],
      ["before", "jsonb"],
      ["after", "jsonb"],
    ],
    records.map((r) => ({ ...r, at: r.at.toISOString() })),
  );
  await tx.query(
    `INSERT INTO audit (at, actor, action, subject, before, after) SELECT ${u.select} FROM ${u.from}`,
    u.params,
  );
}

export interface AuditFilter {
  subject?: string;
  action?: string;
  /** Entries after this sequence number (the `next` of the previous page). */
  cursor?: string;
  limit: number;
}

export class AuditLog {
  constructor(private readonly db: Queryable) {}

  async list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace("?", `$${params.length}`));
    };
    if (filter.subject) add("subject = ?", filter.subject);
    if (filter.action) add("action = ?", filter.action);
    const cond = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const total = (
      await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit ${cond}`, params)
    )[0]!.n;
    if (filter.cursor) add("seq > ?", Number(filter.cursor));
    params.push(filter.limit + 1);
    const rows = await this.db.query<AuditEntry>(
      `SELECT seq, at, actor, action, subject, before, after FROM audit
       ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit);
    return { items, next: more ? String(items[items.length - 1]!.seq) : null, total };
  }
}
