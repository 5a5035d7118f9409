/**
 * A WHERE clause built from optional filters, every value bound as a parameter. Column names and
 * operators come from the code, never from a request.
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** `sql` holds one `?` for the value. */
  add(sql: string, value: unknown): this {
    this.params.push(value);
    this.parts.push(sql.replace("?", `$${this.params.length}`));
    return this;
  }

  /** The placeholder of one more parameter (LIMIT, cursor). */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(" AND ")}` : "";
  }

  /** The clause with one more condition, for the page query after the count. */
  and(sql: string): string {
    return this.parts.length > 0 ? `${this.sql} AND ${sql}` : `WHERE ${sql}`;
  }
}

export function encodeCursor(value: string): string {
  return Buffer.from(value, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, "base64url").toString("utf8");
}
