import type { Importer } from "../types.js";
import { parseBind, sniffBind } from "./parse.js";

/**
 * BIND 9 query log (`querylog yes`), plain file channel or syslog-wrapped, and its security
 * category (denied queries still say who asked for what). Times without a zone are read as UTC.
 */
export const bind: Importer = {
  id: "bind",
  title: "BIND 9 query log (file channel or syslog)",
  category: "network",
  sniff: sniffBind,
  parse: parseBind,
};
