import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import {
  type Entity,
  type Guard,
  GuardFile,
  Manifest,
  type NetworkCatalog,
  type Product,
  ProductFile,
  SharedSignatureFile,
  type Signature,
  VendorFile,
} from "../model/catalog.js";
import { loadNetwork } from "./network.js";
import { ParseCache } from "./parse-cache.js";
import { CatalogError, readCatalogFile, withParseCache } from "./read-file.js";
import { loadRegimes, type RegimeSet } from "./regimes.js";

export { CatalogError, readCatalogFile };

/** The catalogue shipped with the package: `<package>/catalog`, from both `src/` and `dist/`. */
export const DEFAULT_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../catalog");

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
    .map((d) => join(dir, d.name))
    .sort();
}

function allYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...allYamlFiles(p));
    else if (/\.ya?ml$/.test(d.name)) out.push(p);
  }
  return out.sort();
}

export interface Catalog {
  root: string;
  manifest: Manifest;
  vendor: z.infer<typeof VendorFile>["vendor"];
  entities: Entity[];
  products: Map<string, Product>;
  shared: Signature[];
  guards: Guard[];
  /** Network indicators, interception issuers, KSC ports and the BIS cut-off (`kaspersky/network.yaml`). */
  network: NetworkCatalog;
  /** Regimes, profiles and replacement guidance (`regimes/`, `alternatives.yaml`). */
  regimes: RegimeSet;
  /** SHA-256 over every catalogue file (path and bytes, in path order): pins the exact data used. */
  digest: string;
}

export function catalogDigest(root: string): string {
  const h = createHash("sha256");
  for (const file of allYamlFiles(root)) {
    h.update(relative(root, file).split("\\").join("/"));
    h.update("\0");
    h.update(readFileSync(file));
    h.update("\0");
  }
  return h.digest("hex");
}

/**
 * Loads and validates a catalogue folder. YAML parses are cached by file content (parse-cache.ts);
 * `cache: false` reads every file afresh.
 */
export function loadCatalog(root: string = DEFAULT_CATALOG_DIR, options: { cache?: boolean } = {}): Catalog {
  const cache = options.cache === false ? ParseCache.none() : ParseCache.open(resolve(root));
  return withParseCache(cache, () => readCatalog(root));
}

function readCatalog(root: string): Catalog {
  if (!existsSync(join(root, "manifest.yaml"))) {
    throw new CatalogError(root, undefined, "no manifest.yaml: not a catalogue folder");
  }
  const manifest = readCatalogFile(root, join(root, "manifest.yaml"), Manifest);
  const vendorDir = join(root, "kaspersky");
  const vendorFile = readCatalogFile(root, join(vendorDir, "vendor.yaml"), VendorFile);
  const products = new Map<string, Product>();
  for (const file of yamlFiles(join(vendorDir, "products"))) {
    const data = readCatalogFile(root, file, ProductFile);
    for (const p of data.products) {
      if (data.family && p.family !== data.family) {
        throw new CatalogError(
          relative(root, file),
          undefined,
          `${p.id}: family ${p.family} in a ${data.family} file`,
        );
      }
      if (products.has(p.id))
        throw new CatalogError(relative(root, file), undefined, `duplicate product id ${p.id}`);
      products.set(p.id, p);
    }
  }
  const sharedPath = join(vendorDir, "shared-signatures.yaml");
  const shared = existsSync(sharedPath)
    ? readCatalogFile(root, sharedPath, SharedSignatureFile).signatures
    : [];
  const guardsPath = join(vendorDir, "guards.yaml");
  const guards = existsSync(guardsPath) ? readCatalogFile(root, guardsPath, GuardFile).guards : [];
  return {
    root,
    manifest,
    vendor: vendorFile.vendor,
    entities: vendorFile.entities,
    products,
    shared,
    guards,
    network: loadNetwork(root),
    regimes: loadRegimes(root),
    digest: catalogDigest(root),
  };
}
