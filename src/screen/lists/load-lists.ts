/**
 * The parties to screen against: list files given by path (offline use), or the cache filled by
 * `offramp lists update`, plus the catalogue's own entities, which are always included.
 */
import type { Catalog } from "../../catalog/load.js";
import type { InputIssue } from "../../model/issue.js";
import { type CacheManifest, loadCachedParties } from "./cache.js";
import { partiesFromEntities } from "./catalog-entities.js";
import type { ListParty } from "./party.js";
import { type ListFileInfo, readListFiles } from "./read-list.js";

export class ListsMissingError extends Error {
  constructor(dir: string) {
    super(`no screening lists: run \`offramp lists update\` (cache: ${dir}) or pass --list FILE`);
    this.name = "ListsMissingError";
  }
}

export interface LoadedLists {
  parties: ListParty[];
  /** What was loaded: files given by path, or the cache manifest. */
  files: ListFileInfo[];
  manifest?: CacheManifest;
  issues: InputIssue[];
}

export function loadLists(options: {
  listFiles?: string[];
  cacheDir: string;
  catalog?: Pick<Catalog, "entities" | "vendor">;
  /** Screen against the catalogue entities alone when no list is available. */
  catalogOnly?: boolean;
}): LoadedLists {
  const own = options.catalog
    ? partiesFromEntities(options.catalog.entities, options.catalog.vendor.name)
    : [];
  if (options.listFiles && options.listFiles.length > 0) {
    const snap = readListFiles(options.listFiles);
    return { parties: [...own, ...snap.parties], files: snap.files, issues: snap.issues };
  }
  if (options.catalogOnly) return { parties: own, files: [], issues: [] };
  const cached = loadCachedParties(options.cacheDir);
  if (!cached) throw new ListsMissingError(options.cacheDir);
  return { parties: [...own, ...cached.parties], files: [], manifest: cached.manifest, issues: [] };
}
