import type { Importer } from "../types.js";
import { parseZeek, sniffZeek } from "./parse.js";

/**
 * Zeek logs, ASCII (`#fields` header, repeated headers of rotated logs) and JSON: dns (query,
 * resolver), ssl (SNI; issuers from the x509.log beside it or the old `issuer` column), http (Host),
 * conn (Kaspersky Security Center ports). Large plain and gzip dns logs take a parallel fast path.
 */
export const zeek: Importer = {
  id: "zeek",
  title: "Zeek dns, ssl, x509, http and conn logs (ASCII and JSON)",
  category: "network",
  sniff: sniffZeek,
  parse: parseZeek,
};
