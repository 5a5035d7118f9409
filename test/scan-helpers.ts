import { loadCatalog } from "../src/catalog/load.js";
import { TextInput } from "../src/importers/input/text-input.js";
import { IMPORTERS } from "../src/importers/registry.js";
import type { ImportOptions } from "../src/importers/types.js";
import { Scanner, type ScanResult } from "../src/scan/run.js";

export const catalog = loadCatalog();

export interface Named {
  name: string;
  data?: string | Buffer;
  path?: string;
}

/** Scans files or in-memory inputs exactly as `offramp scan` does. */
export async function scan(
  inputs: Named[],
  options: { format?: string; importOptions?: ImportOptions } = {},
): Promise<ScanResult> {
  const scanner = new Scanner(catalog, { importers: IMPORTERS, ...options });
  for (const i of inputs) {
    await scanner.add({
      name: i.name,
      open: () => (i.path ? TextInput.fromFile(i.path, i.name) : TextInput.fromBuffer(i.name, i.data ?? "")),
    });
  }
  return scanner.finish();
}

export async function scanFile(
  path: string,
  options: { format?: string; importOptions?: ImportOptions } = {},
) {
  return scan([{ name: path, path }], options);
}

/** `host → sorted product ids` for compact assertions. */
export function productsByHost(result: ScanResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of result.findings) {
    out[f.host] = [...(out[f.host] ?? []), f.product];
  }
  for (const k of Object.keys(out)) out[k] = [...new Set(out[k])].sort();
  return out;
}
