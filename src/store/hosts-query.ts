import { appendAudit } from "./audit.js";
import { type ChangeCounter, CountCache } from "./count-cache.js";
import type { Db } from "./db.js";
import type { HostRow, HostStatus, Page } from "./types.js";
import { decodeCursor, encodeCursor, Where } from "./where.js";

export interface HostFilter {
  status?: HostStatus;
  product?: string;
  site?: string;
  owner?: string;
  /** Last seen at or after this instant. */
  seenSince?: string;
  /** Last seen before this instant (hosts that have gone quiet). */
  seenBefore?: string;
  /** Key prefix, case-insensitive. */
  q?: string;
  cursor?: string;
  limit: number;
}

const COLUMNS = `key, kind, names, ips, device_ids, platforms, sources, seen_in, products, site, owner, status,
  records, finding_count, open_items, first_seen, last_seen, last_inventory`;

interface Raw {
  key: string;
  kind: string;
  names: string[];
  ips: string[];
  device_ids: string[];
  platforms: string[];
  sources: string[];
  seen_in: string[];
  products: string[];
  site: string | null;
  owner: string | null;
  status: HostStatus;
  records: number;
  finding_count: number;
  open_items: number;
  first_seen: string;
  last_seen: string;
  last_inventory: string | null;
}

function toRow(r: Raw): HostRow {
  return {
    key: r.key,
    kind: r.kind,
    names: r.names,
    ips: r.ips,
    deviceIds: r.device_ids,
    platforms: r.platforms,
    sources: r.sources,
    seenIn: r.seen_in,
    products: r.products,
    site: r.site,
    owner: r.owner,
    status: r.status,
    records: r.records,
    findings: r.finding_count,
    openItems: r.open_items,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    lastInventory: r.last_inventory,
  };
}

export interface HostObservation {
  inputId: number;
  file: string;
  format: string;
  role: string;
  observedAt: string;
  records: number;
  sources: string[];
}

export class Hosts {
  private readonly totals: CountCache;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeCounter,
  ) {
    this.totals = new CountCache(() => changes.version);
  }

  /** One page in key order; filters use the indexes on status, site, owner, last_seen and products. */
  async list(filter: HostFilter): Promise<Page<HostRow>> {
    const w = new Where();
    if (filter.status) w.add("status = ?", filter.status);
    if (filter.product) w.add("products @> ARRAY[?]::text[]", filter.product);
    if (filter.site) w.add("site = ?", filter.site);
    if (filter.owner) w.add("owner = ?", filter.owner);
    if (filter.seenSince) w.add("last_seen >= ?::timestamptz", filter.seenSince);
    if (filter.seenBefore) w.add("last_seen < ?::timestamptz", filter.seenBefore);
    // keys are lower case by construction, so a lower-cased prefix can use the key_prefix index
    if (filter.q) w.add("key LIKE ?", `${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const { cursor: _cursor, limit: _limit, ...counted } = filter;
    const total = await this.totals.get(JSON.stringify(counted), async () => {
      const rows = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM hosts ${w.sql}`,
        w.params,
      );
      return rows[0]!.n;
    });
    const cond = filter.cursor ? w.and(`key > ${w.bind(decodeCursor(filter.cursor))}`) : w.sql;
    const rows = await this.db.query<Raw>(
      `SELECT ${COLUMNS} FROM hosts ${cond} ORDER BY key LIMIT ${w.bind(filter.limit + 1)}`,
      w.params,
    );
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit).map(toRow);
    return { items, next: more ? encodeCursor(items[items.length - 1]!.key) : null, total };
  }

  async get(key: string): Promise<(HostRow & { id: number; aliases: string[] }) | undefined> {
    const rows = await this.db.query<Raw & { id: number }>(
      `SELECT id, ${COLUMNS} FROM hosts WHERE key = $1`,
      [key],
    );
    const r = rows[0];
    if (!r) return undefined;
    const aliases = await this.db.query<{ alias: string }>(
      "SELECT alias FROM host_aliases WHERE host_id = $1 ORDER BY alias",
      [r.id],
    );
    return { id: r.id, ...toRow(r), aliases: aliases.map((a) => a.alias) };
  }

  /** Platforms per host key, for assessing findings when they are read. */
  async platforms(keys: readonly string[]): Promise<Map<string, string[]>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ key: string; platforms: string[] }>(
      "SELECT key, platforms FROM hosts WHERE key = ANY($1::text[])",
      [[...new Set(keys)]],
    );
    return new Map(rows.map((r) => [r.key, r.platforms]));
  }

  /** Every dated observation of the host, newest first: its history across inputs. */
  async observations(hostId: number, limit = 500): Promise<HostObservation[]> {
    return this.db.query<HostObservation>(
      `SELECT ho.input_id AS "inputId", i.file, i.format, ho.role, ho.observed_at AS "observedAt", ho.records,
         ho.sources
       FROM host_observations ho JOIN inputs i ON i.id = ho.input_id
       WHERE ho.host_id = $1 ORDER BY ho.observed_at DESC, ho.input_id DESC LIMIT $2`,
      [hostId, limit],
    );
  }

  /** Site and owner are set by people (or by the site an upload was tagged with). */
  async patch(
    key: string,
    change: { site?: string | null; owner?: string | null },
    actor: string,
    now: Date,
  ): Promise<HostRow | undefined> {
    return this.db.transaction(async (tx) => {
      const before = await tx.query<{ id: number; site: string | null; owner: string | null }>(
        "SELECT id, site, owner FROM hosts WHERE key = $1 FOR UPDATE",
        [key],
      );
      const b = before[0];
      if (!b) return undefined;
      const after = {
        site: change.site === undefined ? b.site : change.site,
        owner: change.owner === undefined ? b.owner : change.owner,
      };
      const rows = await tx.query<Raw>(
        `UPDATE hosts SET site = $2, owner = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [b.id, after.site, after.owner],
      );
      this.changes.bump();
      await appendAudit(tx, {
        at: now,
        actor,
        action: "host.update",
        subject: `host:${key}`,
        before: { site: b.site, owner: b.owner },
        after,
      });
      return toRow(rows[0]!);
    });
  }
}
