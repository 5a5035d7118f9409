import type { Importer } from "../types.js";
import { parseWindowsDns, sniffWindowsDns } from "./parse.js";

/**
 * Windows DNS Server debug log (`dns.log`, "Log packets for debugging"): received queries give the
 * client and the name in wire notation `(3)www(9)kaspersky(3)com(0)`. Responses and the server's
 * own recursive queries are not a client asking.
 */
export const windowsDns: Importer = {
  id: "windows-dns",
  title: "Windows DNS Server debug log",
  category: "network",
  sniff: sniffWindowsDns,
  parse: parseWindowsDns,
};
