import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { readConfig } from "../config.js";
import { TOOL_VERSION } from "../version.js";

/**
 * Parsed YAML of catalogue files, kept as JSON by the SHA-256 of each file's bytes: parsing the
 * catalogue's YAML is most of a command's start (~0.15 s), reading JSON a few milliseconds. Only the
 * parse is cached: every load still validates the data with its schema, and a file whose data fails
 * is parsed again from its YAML so that the error names its line. A cache that cannot be read or
 * written is ignored (a read-only home, a full disk).
 */
export class ParseCache {
  private readonly entries: Record<string, unknown>;
  private readonly used = new Set<string>();
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    entries: Record<string, unknown>,
  ) {
    this.entries = entries;
  }

  /** The cache of this catalogue folder (`$OFFRAMP_DATA/catalog-cache` or `~/.cache/offramp/catalog`). */
  static open(root: string, dir = defaultDir()): ParseCache {
    const key = createHash("sha256").update(`${TOOL_VERSION}\0${root}`).digest("hex").slice(0, 24);
    const file = join(dir, `${key}.json`);
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
      if (data && typeof data === "object" && !Array.isArray(data))
        return new ParseCache(file, data as Record<string, unknown>);
    } catch {
      // none yet, or unreadable: start empty
    }
    return new ParseCache(file, {});
  }

  /** A cache that keeps nothing (tests, and `--catalog` folders being edited). */
  static none(): ParseCache {
    return new ParseCache(undefined, {});
  }

  /** The parsed data of `text` (a file's content), parsing it with `parse` when not cached. */
  get(text: string, parse: () => unknown): unknown {
    const key = createHash("sha256").update(text).digest("base64");
    this.used.add(key);
    if (Object.hasOwn(this.entries, key)) return structuredClone(this.entries[key]);
    const data = parse();
    if (this.file && isJson(data)) {
      this.entries[key] = structuredClone(data);
      this.dirty = true;
    }
    return data;
  }

  /** Writes what was added, keeping only the entries this load used (old versions drop out). */
  save(): void {
    if (!this.file || !this.dirty) return;
    const keep: Record<string, unknown> = {};
    for (const key of this.used) if (Object.hasOwn(this.entries, key)) keep[key] = this.entries[key];
    try {
      mkdirSync(join(this.file, ".."), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(keep));
      renameSync(tmp, this.file);
    } catch {
      // a cache that cannot be written costs only time
    }
  }
}

function defaultDir(): string {
  const { dataDir } = readConfig();
  return dataDir ? join(dataDir, "catalog-cache") : join(homedir(), ".cache", "offramp", "catalog");
}

/** Plain JSON data only (what JSON.parse gives back the same). */
function isJson(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v);
    return (proto === Object.prototype || proto === null) && Object.values(v as object).every(isJson);
  }
  return false;
}
