import type { Importer } from "../types.js";
import { parseRoute53, sniffRoute53 } from "./parse.js";

/** AWS Route 53 Resolver query logs (JSON lines; DNS Firewall actions kept in the evidence locator). */
export const route53: Importer = {
  id: "route53",
  title: "AWS Route 53 Resolver query log",
  category: "network",
  sniff: sniffRoute53,
  parse: parseRoute53,
};
