import { createHash, randomBytes } from "node:crypto";
import { appendAudit } from "./audit.js";
import type { Db } from "./db.js";

/** admin: everything; analyst: transitions, waivers, uploads and reads; viewer: reads; ingest: uploads only. */
export const ROLES = ["admin", "analyst", "viewer", "ingest"] as const;
export type Role = (typeof ROLES)[number];

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsed: string | null;
}

/** Only the SHA-256 of a token is stored: the secret is shown once, when it is made. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function newSecret(): string {
  return `ofr_${randomBytes(32).toString("base64url")}`;
}

const COLUMNS = `id, name, role, created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt",
  last_used AS "lastUsed"`;

/** How often a token's last-used time is written: a read per request, a write at most once a minute. */
const TOUCH_EVERY_MS = 60_000;

export class Tokens {
  private readonly touched = new Map<number, number>();

  constructor(private readonly db: Db) {}

  async create(
    role: Role,
    name: string,
    actor: string,
    now: Date,
    secret = newSecret(),
  ): Promise<TokenInfo & { token: string }> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<TokenInfo>(
        `INSERT INTO tokens (name, role, hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${COLUMNS}`,
        [name, role, hashToken(secret), now.toISOString(), actor],
      );
      const info = rows[0]!;
      await appendAudit(tx, {
        at: now,
        actor,
        action: "token.create",
        subject: `token:${info.id}`,
        before: null,
        after: info,
      });
      return { ...info, token: secret };
    });
  }

  /** The live token a secret belongs to, or undefined (unknown or revoked). */
  async authenticate(secret: string, now: Date): Promise<TokenInfo | undefined> {
    const rows = await this.db.query<TokenInfo>(
      `SELECT ${COLUMNS} FROM tokens WHERE hash = $1 AND revoked_at IS NULL`,
      [hashToken(secret)],
    );
    const t = rows[0];
    if (t && now.getTime() - (this.touched.get(t.id) ?? 0) > TOUCH_EVERY_MS) {
      this.touched.set(t.id, now.getTime());
      await this.db.query("UPDATE tokens SET last_used = $2 WHERE id = $1", [t.id, now.toISOString()]);
    }
    return t;
  }

  async list(): Promise<TokenInfo[]> {
    return this.db.query<TokenInfo>(`SELECT ${COLUMNS} FROM tokens ORDER BY id`);
  }

  async revoke(id: number, actor: string, now: Date): Promise<TokenInfo | undefined> {
    return this.db.transaction(async (tx) => {
      const before = (
        await tx.query<TokenInfo>(`SELECT ${COLUMNS} FROM tokens WHERE id = $1 FOR UPDATE`, [id])
      )[0];
      if (!before) return undefined;
      if (before.revokedAt) return before;
      const after = (
        await tx.query<TokenInfo>(`UPDATE tokens SET revoked_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [
          id,
          now.toISOString(),
        ])
      )[0]!;
      await appendAudit(tx, {
        at: now,
        actor,
        action: "token.revoke",
        subject: `token:${id}`,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * First start: with no token at all, the configured bootstrap secret becomes an admin token.
   * Once any token exists the secret means nothing, so a leaked bootstrap value cannot come back.
   */
  async bootstrap(secret: string | undefined, now: Date): Promise<boolean> {
    if (!secret) return false;
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':tokens'))");
      const n = (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM tokens"))[0]!.n;
      if (n > 0) return false;
      const rows = await tx.query<TokenInfo>(
        `INSERT INTO tokens (name, role, hash, created_at, created_by) VALUES ('bootstrap', 'admin', $1, $2, 'system')
         RETURNING ${COLUMNS}`,
        [hashToken(secret), now.toISOString()],
      );
      await appendAudit(tx, {
        at: now,
        actor: "system",
        action: "token.bootstrap",
        subject: `token:${rows[0]!.id}`,
        before: null,
        after: rows[0],
      });
      return true;
    });
  }
}
