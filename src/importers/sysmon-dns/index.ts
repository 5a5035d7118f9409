import type { Importer } from "../types.js";
import { parseSysmonDns, sniffSysmonDns } from "./parse.js";

/**
 * Sysmon event 22 (DNSEvent) in Windows event logs: JSON lines from Winlogbeat or NXLog/HELK (flat
 * keys), and XML events (wevtutil without a root element, Get-WinEvent, python-evtx). The host is
 * the event's computer; `UtcTime` is UTC. Only `DnsQuery_*` lookups appear: the product's direct
 * queries to public resolvers do not (see the resolver fallback in network logs).
 */
export const sysmonDns: Importer = {
  id: "sysmon-dns",
  title: "Sysmon DNS query events (event 22), JSON or XML",
  category: "network",
  sniff: sniffSysmonDns,
  parse: parseSysmonDns,
};
