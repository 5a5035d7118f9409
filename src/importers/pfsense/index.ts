import type { Importer } from "../types.js";
import { parsePfsense, sniffPfsense } from "./parse.js";

/**
 * pfSense / OPNsense `filterlog` (RFC 5424 or BSD syslog): IPv4 and IPv6 TCP/UDP packets, used for
 * Kaspersky Security Center ports between internal hosts (blocked attempts count too).
 */
export const pfsense: Importer = {
  id: "pfsense",
  title: "pfSense / OPNsense filterlog",
  category: "network",
  sniff: sniffPfsense,
  parse: parsePfsense,
};
