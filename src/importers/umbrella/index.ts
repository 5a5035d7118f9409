import type { Importer } from "../types.js";
import { parseUmbrella, sniffUmbrella } from "./parse.js";

/** Cisco Umbrella DNS logs (S3 export CSV, 10 or 13 columns); blocked queries still say who asked. */
export const umbrella: Importer = {
  id: "umbrella",
  title: "Cisco Umbrella DNS log (CSV, 10 and 13 columns)",
  category: "network",
  sniff: sniffUmbrella,
  parse: parseUmbrella,
};
