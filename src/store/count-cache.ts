/**
 * Exact totals for list filters, remembered until the workspace changes. Counting 100,000 hosts
 * costs tens of milliseconds on the embedded engine; a dashboard paging through one filter asks
 * the same total again and again. Writes in this process clear it at once; writes by another
 * process (a second server on the same PostgreSQL) are seen within `ttlMs`.
 */
export class CountCache {
  private readonly entries = new Map<string, { total: number; version: number; at: number }>();

  constructor(
    private readonly version: () => number,
    private readonly ttlMs = 15_000,
    private readonly max = 1000,
  ) {}

  async get(key: string, count: () => Promise<number>): Promise<number> {
    const now = Date.now();
    const v = this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === v && now - hit.at < this.ttlMs) return hit.total;
    const total = await count();
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { total, version: v, at: now });
    return total;
  }
}

/** Counts writes made through this store object, so caches know when they are stale. */
export class ChangeCounter {
  private n = 0;

  get version(): number {
    return this.n;
  }

  bump(): void {
    this.n++;
  }
}
