import type { ObservationFields, ObservationKind, Platform } from "../../model/observation.js";

/** One result row, every value as a string (`numerics: true` logs give numbers; they are stringified). */
export type Row = Record<string, string>;

export interface TableSpec {
  table: string;
  kind: ObservationKind;
  /** The platform the table exists on, when only one has it. */
  platform?: Platform;
  /**
   * Columns of this table that none of the others here has. The log never names the table behind a
   * query, so the table whose marks the row carries most is taken.
   */
  marks: readonly string[];
  fields(row: Row): ObservationFields;
}

/** The first non-empty value among the columns, in order. */
function col(row: Row, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = row[n]?.trim();
    if (v) return v;
  }
  return undefined;
}

function basename(path: string): string {
  const parts = path.replace(/^"|"$/g, "").split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function compact(fields: Record<string, string | undefined>): ObservationFields {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[k] = v;
  return out as ObservationFields;
}

/**
 * Kernel and file-system driver services name their driver file in `path`; with no path Windows
 * loads `System32\drivers\<service>.sys`, so the service name stands in.
 */
function driverOfService(row: Row): string | undefined {
  if (!/driver/i.test(row.service_type ?? "")) return undefined;
  const path = col(row, "path", "module_path");
  return path ? basename(path) : col(row, "name") && `${col(row, "name")}.sys`;
}

/** The software tables offramp reads, with the columns osquery's specs give them (formats.md A1). */
export const TABLES: readonly TableSpec[] = [
  {
    table: "programs",
    kind: "software",
    platform: "windows",
    marks: ["identifying_number", "install_location", "uninstall_string", "install_source", "upgrade_code"],
    fields: (r) =>
      compact({
        name: col(r, "name"),
        publisher: col(r, "publisher"),
        version: col(r, "version"),
        path: col(r, "install_location"),
        productCode: col(r, "identifying_number"),
        installDate: col(r, "install_date"),
        text: col(r, "uninstall_string"),
      }),
  },
  {
    table: "apps",
    kind: "software",
    platform: "macos",
    marks: [
      "bundle_identifier",
      "bundle_short_version",
      "bundle_executable",
      "bundle_name",
      "bundle_package_type",
      "info_string",
      "minimum_system_version",
      "applescript_enabled",
      "development_region",
    ],
    fields: (r) =>
      compact({
        bundleId: col(r, "bundle_identifier"),
        name: col(r, "name", "bundle_name", "display_name")?.replace(/\.app$/i, ""),
        path: col(r, "path"),
        version: col(r, "bundle_short_version", "bundle_version"),
        text: col(r, "info_string"),
      }),
  },
  {
    table: "deb_packages",
    kind: "package",
    platform: "linux",
    marks: ["maintainer", "admindir", "revision", "section", "priority"],
    fields: (r) =>
      compact({
        package: col(r, "name"),
        name: col(r, "name"),
        version: col(r, "version"),
        publisher: col(r, "maintainer"),
      }),
  },
  {
    table: "rpm_packages",
    kind: "package",
    platform: "linux",
    marks: ["package_group", "release", "sha1", "vendor"],
    fields: (r) =>
      compact({
        package: col(r, "name"),
        name: col(r, "name"),
        version: col(r, "version"),
        publisher: col(r, "vendor"),
      }),
  },
  {
    table: "chrome_extensions",
    kind: "extension",
    marks: [
      "browser_type",
      "manifest_hash",
      "from_webstore",
      "update_url",
      "author",
      "profile_path",
      "referenced_identifier",
      "permissions",
      "persistent",
    ],
    fields: (r) =>
      compact({
        extensionId: col(r, "identifier"),
        name: col(r, "name"),
        publisher: col(r, "author"),
        version: col(r, "version"),
      }),
  },
  {
    table: "firefox_addons",
    kind: "extension",
    marks: ["creator", "source_url", "autoupdate", "visible", "active", "disabled"],
    fields: (r) =>
      compact({
        extensionId: col(r, "identifier"),
        name: col(r, "name"),
        publisher: col(r, "creator"),
        version: col(r, "version"),
      }),
  },
  {
    table: "services",
    kind: "service",
    platform: "windows",
    marks: [
      "service_type",
      "start_type",
      "win32_exit_code",
      "service_exit_code",
      "module_path",
      "user_account",
    ],
    fields: (r) =>
      compact({
        service: col(r, "name"),
        name: col(r, "display_name"),
        path: col(r, "path"),
        driver: driverOfService(r),
      }),
  },
  {
    table: "drivers",
    kind: "driver",
    platform: "windows",
    marks: [
      "device_id",
      "device_name",
      "image",
      "inf",
      "driver_key",
      "service_key",
      "provider",
      "manufacturer",
    ],
    fields: (r) =>
      compact({
        driver: col(r, "image"),
        service: col(r, "service"),
        publisher: col(r, "provider", "manufacturer"),
        name: col(r, "description"),
      }),
  },
  {
    table: "windows_security_products",
    kind: "software",
    platform: "windows",
    marks: ["remediation_path", "signatures_up_to_date", "state_timestamp"],
    fields: (r) => compact({ name: col(r, "name"), path: col(r, "remediation_path") }),
  },
  {
    table: "processes",
    kind: "process",
    marks: [
      "cmdline",
      "cwd",
      "parent",
      "on_disk",
      "resident_size",
      "total_size",
      "threads",
      "nice",
      "pgroup",
    ],
    fields: (r) => compact({ process: col(r, "name"), path: col(r, "path") }),
  },
];

/** A query over some other table that still reads like an inventory (name plus version/publisher/path). */
const GENERIC: TableSpec = {
  table: "unknown table",
  kind: "software",
  marks: [],
  fields: (r) =>
    compact({
      name: col(r, "name"),
      publisher: col(r, "publisher", "vendor"),
      version: col(r, "version"),
      path: col(r, "path"),
    }),
};

const BY_NAME_LENGTH = [...TABLES].sort((a, b) => b.table.length - a.table.length);

/**
 * The table behind a row: most marks among its columns; a query that selected too few columns to
 * tell falls back on a table named in the query name (`pack_inventory_programs`), then on a
 * generic inventory reading. Undefined for rows that are not about software (mounts, schedules…).
 */
export function inferTable(columns: readonly string[], queryName = ""): TableSpec | undefined {
  const present = new Set(columns);
  let best: TableSpec | undefined;
  let bestScore = 0;
  for (const spec of TABLES) {
    let score = 0;
    for (const m of spec.marks) if (present.has(m)) score++;
    if (score > bestScore) {
      best = spec;
      bestScore = score;
    }
  }
  if (best) return best;
  const q = queryName.toLowerCase();
  const named = BY_NAME_LENGTH.find((s) => q.includes(s.table));
  if (named) return named;
  if (present.has("name") && ["version", "publisher", "vendor", "path"].some((c) => present.has(c))) {
    return GENERIC;
  }
  return undefined;
}

/** Caches `inferTable` by column set: a log repeats a handful of shapes millions of times. */
export class TableGuesser {
  private readonly cache = new Map<string, TableSpec | null>();

  of(row: Row, queryName = ""): TableSpec | undefined {
    const columns = Object.keys(row);
    const key = `${queryName}\0${columns.join(",")}`;
    let spec = this.cache.get(key);
    if (spec === undefined) {
      spec = inferTable(columns, queryName) ?? null;
      this.cache.set(key, spec);
    }
    return spec ?? undefined;
  }
}

/** Values as strings whatever `numerics` said; nested values (never in result rows) are dropped. */
export function toRow(value: unknown): Row | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const row: Row = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string") row[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") row[k] = String(v);
  }
  return row;
}

/** The row's text for the pre-filter: values only, so host names and query names cannot let it pass. */
export function rowText(row: Row): string {
  return Object.values(row).join("\n");
}

/** Identity of a row across added/removed events, independent of column order and numerics. */
export function rowKey(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}
