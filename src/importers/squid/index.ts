import type { Importer } from "../types.js";
import { parseSquid, sniffSquid } from "./parse.js";

/** Squid native access.log: the requested host (CONNECT host:port or the URL's host) per client. */
export const squid: Importer = {
  id: "squid",
  title: "Squid access.log (native format)",
  category: "network",
  sniff: sniffSquid,
  parse: parseSquid,
};
