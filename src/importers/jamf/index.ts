import type { Importer } from "../types.js";
import { parseJamf } from "./parse.js";
import { sniffJamf } from "./sniff.js";

/**
 * Jamf Pro computer inventory: the Pro API (`computers-inventory?section=APPLICATIONS`, JSON) and the
 * Classic API (`<computer>` XML). Jamf's CSV exports go through csv-inventory.
 */
export const jamf: Importer = {
  id: "jamf",
  title: "Jamf Pro computer inventory (Pro API JSON, Classic API XML)",
  category: "inventory",
  sniff: sniffJamf,
  parse: parseJamf,
};
