import type { Db } from "./db.js";
import type { Page } from "./types.js";

export interface InputRow {
  id: number;
  digest: string;
  file: string;
  format: string;
  role: string;
  bytes: number;
  encoding: string;
  records: number;
  issues: number;
  hosts: number;
  findings: number;
  site: string | null;
  observedAt: string;
  ingestedAt: string;
  ingestedBy: string;
  catalogVersion: string;
}

const COLUMNS = `id, digest, file, format, role, bytes, encoding, records, issue_count AS issues, host_count AS hosts,
  finding_count AS findings, site, observed_at AS "observedAt", ingested_at AS "ingestedAt",
  ingested_by AS "ingestedBy", catalog_version AS "catalogVersion"`;

export class Inputs {
  constructor(private readonly db: Db) {}

  async list(cursor: string | undefined, limit: number): Promise<Page<InputRow>> {
    const total = (await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inputs"))[0]!.n;
    const rows = await this.db.query<InputRow>(
      `SELECT ${COLUMNS} FROM inputs WHERE id > $1 ORDER BY id LIMIT $2`,
      [cursor ? Number(cursor) : 0, limit + 1],
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items, next: more ? String(items[items.length - 1]!.id) : null, total };
  }

  async byDigest(digest: string): Promise<InputRow | undefined> {
    return (await this.db.query<InputRow>(`SELECT ${COLUMNS} FROM inputs WHERE digest = $1`, [digest]))[0];
  }
}
