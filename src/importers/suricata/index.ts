import type { Importer } from "../types.js";
import { parseSuricata, sniffSuricata } from "./parse.js";

/**
 * Suricata EVE JSON: dns (v1 query events, v2 answers, v3 `queries`), tls (SNI and the issuer of
 * the server certificate), http (Host) and flow events (Kaspersky Security Center ports).
 */
export const suricata: Importer = {
  id: "suricata",
  title: "Suricata EVE JSON (dns, tls, http, flow)",
  category: "network",
  sniff: sniffSuricata,
  parse: parseSuricata,
};
