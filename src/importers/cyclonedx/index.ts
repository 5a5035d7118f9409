import type { Importer } from "../types.js";
import { parseCycloneDx, sniffCycloneDx } from "./parse.js";

/**
 * CycloneDX SBOMs, JSON (spec 1.2–1.6) and XML. The SBOM's subject is an asset; each component,
 * nested ones included, is a package embedded in it, so a Kaspersky component is `integrated`.
 */
export const cyclonedx: Importer = {
  id: "cyclonedx",
  title: "CycloneDX SBOM (JSON and XML, spec 1.2–1.6)",
  category: "sbom",
  sniff: sniffCycloneDx,
  parse: parseCycloneDx,
};
