import type { Importer } from "../types.js";
import { parseOsquery } from "./parse.js";
import { sniffOsquery } from "./sniff.js";

/**
 * osquery: osqueryd result logs (differential events replayed per host and query, snapshots, batch
 * `diffResults`) and `osqueryi --json` arrays, over the software tables (programs, apps, deb and rpm
 * packages, browser extensions, services, drivers, security products, processes).
 */
export const osquery: Importer = {
  id: "osquery",
  title: "osquery result logs and osqueryi --json (software, services, drivers, extensions, processes)",
  category: "inventory",
  sniff: sniffOsquery,
  parse: parseOsquery,
};
