import type { Importer } from "../types.js";
import { parseDnsmasq, sniffDnsmasq } from "./parse.js";

/** dnsmasq and Pi-hole query logs (`pihole.log`): year-less syslog times get `--year` or the file's date. */
export const dnsmasq: Importer = {
  id: "dnsmasq",
  title: "dnsmasq / Pi-hole query log",
  category: "network",
  sniff: sniffDnsmasq,
  parse: parseDnsmasq,
};
