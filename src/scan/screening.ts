import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Catalog } from "../catalog/load.js";
import type { HostRegistry } from "../match/hosts.js";
import type { ScreeningSummary } from "../model/report.js";
import { buildScreener } from "../screen/build.js";
import { readManifest } from "../screen/lists/cache.js";
import { partiesFromEntities } from "../screen/lists/catalog-entities.js";
import { ListsMissingError } from "../screen/lists/load-lists.js";
import { screenParties } from "../screen/parties.js";
import type { PartyCollector } from "./parties.js";

export interface ScreeningOptions {
  /** The list cache (`offramp lists update`). */
  cacheDir: string;
  /** List files given by path instead of the cache. */
  listFiles?: string[];
}

/**
 * Screens every publisher, supplier and signer the scan met against the cached (or given) lists
 * plus the catalogue's own entities; without any list it screens against the catalogue and says so.
 */
export function screenScan(
  parties: PartyCollector,
  hosts: HostRegistry,
  catalog: Catalog,
  options: ScreeningOptions,
): ScreeningSummary {
  const met = parties.resolve(hosts);
  if (met.length === 0 && !options.listFiles?.length) return nothingToScreen(catalog, options.cacheDir);
  const built = buildScreener({
    catalog,
    cacheDir: options.cacheDir,
    ...(options.listFiles && { listFiles: options.listFiles }),
  });
  const records = new Map(met.map((p) => [p.name, p]));
  const results = screenParties(
    met.map((p) => ({ name: p.name, hosts: p.hosts, field: p.field })),
    built.screener,
  );
  const files = built.lists.files.map((f) => ({ file: f.path, sha256: f.sha256, records: f.records }));
  const source = files.length > 0 ? "files" : built.lists.manifest ? "cache" : "catalogue";
  return {
    lists: {
      source,
      ...(built.lists.manifest && { updatedAt: built.lists.manifest.updatedAt }),
      files,
      parties: built.lists.parties.length,
      ...(built.note && { note: built.note }),
    },
    screened: new Set(met.map((p) => p.name)).size,
    parties: results.map((r) => ({
      name: r.name,
      field: records.get(r.name)?.field ?? "publisher",
      hosts: r.hosts,
      records: records.get(r.name)?.records ?? 0,
      band: r.band,
      score: r.score,
      ...(r.family && { family: r.family }),
      hits: r.hits,
    })),
  };
}

/**
 * The summary when the scan met no publisher, supplier or signer (a network log): the lists are
 * described from the cache's manifest instead of being loaded and indexed for no name at all.
 */
function nothingToScreen(catalog: Catalog, cacheDir: string): ScreeningSummary {
  const own = partiesFromEntities(catalog.entities, catalog.vendor.name).length;
  const manifest = existsSync(join(cacheDir, "parties.json")) ? readManifest(cacheDir) : undefined;
  return {
    lists: manifest
      ? { source: "cache", updatedAt: manifest.updatedAt, files: [], parties: own + manifest.parties }
      : { source: "catalogue", files: [], parties: own, note: new ListsMissingError(cacheDir).message },
    screened: 0,
    parties: [],
  };
}
