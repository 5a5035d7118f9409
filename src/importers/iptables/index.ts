import type { Importer } from "../types.js";
import { parseIptables, sniffIptables } from "./parse.js";

/** iptables / nftables LOG lines from the kernel log: Kaspersky Security Center ports between internal hosts. */
export const iptables: Importer = {
  id: "iptables",
  title: "iptables / nftables LOG (kernel log, syslog)",
  category: "network",
  sniff: sniffIptables,
  parse: parseIptables,
};
