import type { Importer } from "../types.js";
import { parseInfoblox, sniffInfoblox } from "./parse.js";

/**
 * Infoblox NIOS DNS logs over syslog: BIND query lines, the query-and-response capture
 * (`client ADDR#PORT UDP: query: NAME IN A response: …`) and RPZ hits as CEF. The BIND time in a
 * line (with its year) is preferred to the syslog header's, and anchors the year of the others.
 */
export const infoblox: Importer = {
  id: "infoblox",
  title: "Infoblox NIOS DNS syslog (queries, query/response capture, RPZ CEF)",
  category: "network",
  sniff: sniffInfoblox,
  parse: parseInfoblox,
};
