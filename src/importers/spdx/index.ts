import type { Importer } from "../types.js";
import { parseSpdx, sniffSpdx } from "./parse.js";

/**
 * SPDX SBOMs: 2.2/2.3 JSON and 3.0 JSON-LD. The described package is the asset; every package is
 * a component embedded in it, so a Kaspersky package is `integrated`.
 */
export const spdx: Importer = {
  id: "spdx",
  title: "SPDX SBOM (2.2/2.3 JSON, 3.0 JSON-LD)",
  category: "sbom",
  sniff: sniffSpdx,
  parse: parseSpdx,
};
