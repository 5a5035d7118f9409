import { bind } from "./bind/index.js";
import { csvInventory } from "./csv-inventory/index.js";
import { cyclonedx } from "./cyclonedx/index.js";
import { dnsmasq } from "./dnsmasq/index.js";
import { infoblox } from "./infoblox/index.js";
import { iptables } from "./iptables/index.js";
import { jamf } from "./jamf/index.js";
import { osquery } from "./osquery/index.js";
import { pfsense } from "./pfsense/index.js";
import { powershellJson } from "./powershell-json/index.js";
import { regExport } from "./reg-export/index.js";
import { route53 } from "./route53/index.js";
import { spdx } from "./spdx/index.js";
import { squid } from "./squid/index.js";
import { suricata } from "./suricata/index.js";
import { sysmonDns } from "./sysmon-dns/index.js";
import { systemProfiler } from "./system-profiler/index.js";
import type { Importer } from "./types.js";
import { umbrella } from "./umbrella/index.js";
import { wazuh } from "./wazuh/index.js";
import { windowsDns } from "./windows-dns/index.js";
import { zeek } from "./zeek/index.js";

/**
 * Every importer, in one explicit list (a test checks it against the folders). Sniffing asks each;
 * the highest score wins, so order only breaks exact ties.
 */
export const IMPORTERS: readonly Importer[] = [
  csvInventory,
  cyclonedx,
  spdx,
  osquery,
  regExport,
  powershellJson,
  wazuh,
  systemProfiler,
  jamf,
  zeek,
  suricata,
  bind,
  infoblox,
  windowsDns,
  dnsmasq,
  umbrella,
  route53,
  squid,
  sysmonDns,
  pfsense,
  iptables,
];
