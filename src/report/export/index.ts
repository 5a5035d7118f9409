import { dnsmasq } from "./dnsmasq.js";
import { fleetPolicies } from "./fleet-policies.js";
import { hostsFile } from "./hosts-file.js";
import { kql } from "./kql.js";
import { osqueryPack } from "./osquery-pack.js";
import { rpz } from "./rpz.js";
import { sigma } from "./sigma.js";
import { spl } from "./spl.js";
import { suricata } from "./suricata.js";
import type { Exporter } from "./types.js";
import { unbound } from "./unbound.js";
import { zeekIntel } from "./zeek-intel.js";
import { zeekSuffix } from "./zeek-suffix.js";

export { buildPlan, type ExportPlan, type PlanOptions } from "./plan.js";
export type { Exporter } from "./types.js";

/** Every export target, one file each; adding a target is one line here. */
export const EXPORTERS: readonly Exporter[] = [
  osqueryPack,
  fleetPolicies,
  sigma,
  kql,
  spl,
  zeekIntel,
  zeekSuffix,
  suricata,
  rpz,
  dnsmasq,
  unbound,
  hostsFile,
];

export function findExporter(id: string): Exporter | undefined {
  return EXPORTERS.find((e) => e.id === id);
}
