/**
 * The local list cache: the files as downloaded (with SHA-256 and fetch time), a prepared copy of
 * the parties and of their analysed names (prepared-names.ts) so screening starts in well under a
 * second, and a manifest. A new download replaces
 * the cache only when every source came through and none shrank sharply: on 2024-05-06 the live CSL
 * silently lost about 15,000 SDN and SSI rows, and a screener fed that file clears sanctioned
 * parties without a word.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { byText } from "../../match/order.js";
import type { InputIssue } from "../../model/issue.js";
import type { ListParty } from "./party.js";
import { attachPreparedNames, writePreparedNames } from "./prepared-names.js";
import { type ListFileInfo, readListFiles } from "./read-list.js";

export const DEFAULT_SOURCES = {
  csl: "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json",
  sdn: "https://www.treasury.gov/ofac/downloads/sdn.csv",
  alt: "https://www.treasury.gov/ofac/downloads/alt.csv",
  add: "https://www.treasury.gov/ofac/downloads/add.csv",
} as const;
export type SourceId = keyof typeof DEFAULT_SOURCES;

/** A source may lose at most this share of its rows between two snapshots without --accept-shrink. */
export const SHRINK_LIMIT = 0.05;
/** Sources smaller than this are too small for a percentage to mean much. */
const SHRINK_MIN_ROWS = 20;
const PREPARED_VERSION = 1;

const CachedSource = z.object({
  id: z.string(),
  url: z.string(),
  file: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  fetchedAt: z.string(),
  format: z.string(),
  records: z.number(),
  bySource: z.record(z.string(), z.number()),
});
export type CachedSource = z.infer<typeof CachedSource>;

export const CacheManifest = z.object({
  version: z.literal(1),
  updatedAt: z.string(),
  sources: z.array(CachedSource),
  parties: z.number(),
  /** Rows per list source over all files, the basis of the shrink guard. */
  bySource: z.record(z.string(), z.number()),
});
export type CacheManifest = z.infer<typeof CacheManifest>;

/** `<data dir>/lists` when OFFRAMP_DATA is set (through src/config.ts), else ~/.cache/offramp/lists. */
export function defaultCacheDir(dataDir: string | undefined): string {
  return dataDir ? join(dataDir, "lists") : join(homedir(), ".cache", "offramp", "lists");
}

export function readManifest(dir: string): CacheManifest | undefined {
  const p = join(dir, "manifest.json");
  if (!existsSync(p)) return undefined;
  const parsed = CacheManifest.safeParse(JSON.parse(readFileSync(p, "utf8")));
  return parsed.success ? parsed.data : undefined;
}

export function loadCachedParties(
  dir: string,
): { manifest: CacheManifest; parties: ListParty[] } | undefined {
  const manifest = readManifest(dir);
  const p = join(dir, "parties.json");
  if (!manifest || !existsSync(p)) return undefined;
  // Our own file, written after validation; only its version is checked here, to keep loading fast.
  const data = JSON.parse(readFileSync(p, "utf8")) as { version?: number; parties?: ListParty[] };
  if (data.version !== PREPARED_VERSION || !Array.isArray(data.parties)) return undefined;
  attachPreparedNames(dir, data.parties);
  return { manifest, parties: data.parties };
}

export interface ShrinkProblem {
  source: string;
  before: number;
  after: number;
}

export function shrinkProblems(
  before: Record<string, number>,
  after: Record<string, number>,
  minRows = SHRINK_MIN_ROWS,
): ShrinkProblem[] {
  const out: ShrinkProblem[] = [];
  for (const [source, n] of Object.entries(before)) {
    const now = after[source] ?? 0;
    if (n >= minRows && now < n * (1 - SHRINK_LIMIT)) out.push({ source, before: n, after: now });
  }
  return out.sort((a, b) => byText(a.source, b.source));
}

export interface UpdateOptions {
  dir: string;
  sources?: Partial<Record<SourceId, string>>;
  acceptShrink?: boolean;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Sources with fewer rows than this are not guarded (tests use tiny lists). */
  shrinkMinRows?: number;
}

export interface UpdateReport {
  status: "updated" | "refused" | "failed";
  message: string;
  manifest?: CacheManifest;
  shrink: ShrinkProblem[];
  issues: InputIssue[];
}

const FILE_NAMES: Record<SourceId, string> = {
  csl: "csl.json",
  sdn: "sdn.csv",
  alt: "alt.csv",
  add: "add.csv",
};

function totals(files: ListFileInfo[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of files) {
    if (f.format === "sdn-alt" || f.format === "sdn-add") continue;
    for (const [k, v] of Object.entries(f.bySource)) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

/** Downloads every source into `incoming/`, checks them, and only then swaps them into the cache. */
export async function updateLists(options: UpdateOptions): Promise<UpdateReport> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const sources = options.sources ?? DEFAULT_SOURCES;
  const incoming = join(options.dir, "incoming");
  rmSync(incoming, { recursive: true, force: true });
  mkdirSync(incoming, { recursive: true });
  const fetched: { id: SourceId; url: string; file: string; fetchedAt: string }[] = [];
  for (const [id, url] of Object.entries(sources) as [SourceId, string][]) {
    if (!url) continue;
    try {
      const res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 300_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length === 0) throw new Error("empty response");
      // The CSL may come as CSV when the URL says so; the reader sniffs the content anyway.
      const file = id === "csl" && /\.csv(\?|$)/.test(url) ? "csl.csv" : FILE_NAMES[id];
      writeFileSync(join(incoming, file), bytes);
      fetched.push({ id, url, file, fetchedAt: now().toISOString() });
    } catch (e) {
      rmSync(incoming, { recursive: true, force: true });
      return {
        status: "failed",
        message: `${id} (${url}): ${(e as Error).message}; the cache was not changed`,
        shrink: [],
        issues: [],
      };
    }
  }
  const snapshot = readListFiles(fetched.map((f) => join(incoming, f.file)));
  const errors = snapshot.issues.filter((i) => i.code === "list-unknown-format");
  if (errors.length > 0 || snapshot.parties.length === 0) {
    rmSync(incoming, { recursive: true, force: true });
    return {
      status: "failed",
      message: `the download is not a list (${errors.map((e) => e.file).join(", ") || "no parties"}); the cache was not changed`,
      shrink: [],
      issues: snapshot.issues,
    };
  }
  const bySource = totals(snapshot.files);
  const previous = readManifest(options.dir);
  const shrink = previous ? shrinkProblems(previous.bySource, bySource, options.shrinkMinRows) : [];
  if (shrink.length > 0 && !options.acceptShrink) {
    rmSync(incoming, { recursive: true, force: true });
    return {
      status: "refused",
      message: `refused: ${shrink.map((s) => `${s.source} ${s.before} → ${s.after}`).join(", ")} (more than ${SHRINK_LIMIT * 100} % fewer rows); the previous snapshot stays. Use --accept-shrink if the lists really shrank.`,
      shrink,
      issues: snapshot.issues,
      ...(previous && { manifest: previous }),
    };
  }
  const cached: CachedSource[] = fetched.map((f) => {
    const info = snapshot.files.find((x) => x.path === join(incoming, f.file))!;
    return {
      id: f.id,
      url: f.url,
      file: f.file,
      sha256: info.sha256,
      bytes: info.bytes,
      fetchedAt: f.fetchedAt,
      format: info.format,
      records: info.records,
      bySource: info.bySource,
    };
  });
  for (const c of cached) renameSync(join(incoming, c.file), join(options.dir, c.file));
  const parties = snapshot.parties.map((p) => ({
    ...p,
    origin: { ...p.origin, file: p.origin.file.replace(`${incoming}/`, "") },
  }));
  writeFileSync(join(options.dir, "parties.json"), JSON.stringify({ version: PREPARED_VERSION, parties }));
  writePreparedNames(options.dir, parties);
  const manifest: CacheManifest = {
    version: 1,
    updatedAt: now().toISOString(),
    sources: cached,
    parties: parties.length,
    bySource,
  };
  writeFileSync(join(options.dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(incoming, { recursive: true, force: true });
  const accepted =
    shrink.length > 0
      ? ` (accepted shrink: ${shrink.map((s) => `${s.source} ${s.before} → ${s.after}`).join(", ")})`
      : "";
  return {
    status: "updated",
    message: `${parties.length} parties from ${cached.length} file(s)${accepted}`,
    manifest,
    shrink,
    issues: snapshot.issues,
  };
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
