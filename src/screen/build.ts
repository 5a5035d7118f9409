/**
 * One call for callers outside the CLI (the scan report): the screener over the cached lists (or
 * list files given by path) plus the catalogue entities and the family rule. Without any cached
 * list it falls back to the catalogue entities alone and says so, rather than failing a scan.
 */
import type { Catalog } from "../catalog/load.js";
import { familyRuleFromCatalog } from "./family-rule.js";
import { ListsMissingError, type LoadedLists, loadLists } from "./lists/load-lists.js";
import { Screener } from "./screener.js";

export interface BuiltScreener {
  screener: Screener;
  lists: LoadedLists;
  /** Set when the government lists were not available and only the catalogue is screened. */
  note?: string;
}

export function buildScreener(options: {
  catalog: Pick<Catalog, "entities" | "vendor">;
  cacheDir: string;
  listFiles?: string[];
}): BuiltScreener {
  const familyRule = familyRuleFromCatalog(options.catalog);
  try {
    const lists = loadLists(options);
    return { screener: new Screener(lists.parties, { familyRule }), lists };
  } catch (e) {
    if (!(e instanceof ListsMissingError)) throw e;
    const lists = loadLists({ ...options, catalogOnly: true });
    return { screener: new Screener(lists.parties, { familyRule }), lists, note: e.message };
  }
}
