import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  type Entity,
  type Guard,
  GuardFile,
  Manifest,
  type Product,
  ProductFile,
  SharedSignatureFile,
  type Signature,
  VendorFile,
} from "../model/catalog.js";

/** The catalogue shipped with the package: `<package>/catalog`, from both `src/` and `dist/`. */
export const DEFAULT_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../catalog");

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
    this.name = "CatalogError";
  }
}

/** Reads one YAML file and validates it; errors name the file and the line of the offending node. */
export function readCatalogFile<S extends z.ZodType>(root: string, file: string, schema: S): z.infer<S> {
  const text = readFileSync(file, "utf8");
  const shown = relative(resolve(root, ".."), file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new CatalogError(shown, lineCounter.linePos(e.pos[0]).line, e.message);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const path = first.path as (string | number)[];
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) line = lineCounter.linePos(node.range[0]).line;
    }
    throw new CatalogError(shown, line, `${path.join(".") || "(root)"}: ${first.message}`);
  }
  return parsed.data;
}

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

export function loadCatalog(root: string = DEFAULT_CATALOG_DIR): Catalog {
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
    digest: catalogDigest(root),
  };
}
