import { existsSync } from "node:fs";
import { join } from "node:path";
import { type NetworkCatalog, NetworkFile } from "../model/catalog.js";
import { readCatalogFile } from "./read-file.js";

/** Catalogues without a network file (tests, other vendors) still load: no rules, no cut-off. */
const EMPTY: NetworkCatalog = {
  cutoff: { at: "9999-12-31T00:00:00Z", signals: ["update"], sources: ["S10"] },
  hosts: [],
  interception: [],
  ksc: [],
};

/** `catalog/kaspersky/network.yaml`: host rules, interception issuers, KSC ports, resolver fallback. */
export function loadNetwork(root: string): NetworkCatalog {
  const path = join(root, "kaspersky", "network.yaml");
  return existsSync(path) ? readCatalogFile(root, path, NetworkFile) : EMPTY;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Checks of the network section: sources, unique ids and names, known products, sane values. */
export function verifyNetwork(
  network: NetworkCatalog,
  products: ReadonlySet<string>,
  knownSources: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const checkRow = (id: string, sources: string[], confidence: "normal" | "low") => {
    if (ids.has(id)) problems.push(`network ${id}: id used twice`);
    ids.add(id);
    if (confidence === "normal" && !sources.some((s) => /^(S\d|repo:)/.test(s)))
      problems.push(`network ${id}: cites only unattributed rows; mark it confidence: low`);
    for (const s of sources)
      if (s.startsWith("S") && !knownSources.has(s))
        problems.push(`network ${id}: source ${s} is not in manifest.yaml`);
  };
  const checkProduct = (id: string, product: string | undefined) => {
    if (product !== undefined && !products.has(product))
      problems.push(`network ${id}: unknown product ${product}`);
  };
  for (const s of network.cutoff.sources)
    if (s.startsWith("S") && !knownSources.has(s))
      problems.push(`network cutoff: source ${s} is not in manifest.yaml`);
  if (Number.isNaN(Date.parse(network.cutoff.at)))
    problems.push(`network cutoff: ${network.cutoff.at} is not an instant`);

  const owner = new Map<string, string>();
  for (const rule of network.hosts) {
    checkRow(rule.id, rule.sources, rule.confidence);
    checkProduct(rule.id, rule.product);
    if (rule.signal === "web-visit" && rule.weight === "strong")
      problems.push(`network ${rule.id}: a web visit is never strong evidence`);
    for (const host of rule.hosts) {
      const prior = owner.get(host);
      if (prior) problems.push(`network ${rule.id}: ${host} is already a rule of ${prior}`);
      owner.set(host, rule.id);
    }
  }
  for (const rule of network.interception) {
    checkRow(rule.id, rule.sources, rule.confidence);
    checkProduct(rule.id, rule.product);
  }
  const ports = new Set<string>();
  for (const rule of network.ksc) {
    checkRow(rule.id, rule.sources, rule.confidence);
    checkProduct(rule.id, rule.product);
    const key = `${rule.proto}/${rule.port}`;
    if (ports.has(key)) problems.push(`network ${rule.id}: ${key} listed twice`);
    ports.add(key);
  }
  const fallback = network.resolverFallback;
  if (fallback) {
    checkRow(fallback.id, fallback.sources, fallback.confidence);
    for (const ip of fallback.resolvers)
      if (!IPV4.test(ip) && !/^[0-9a-f:]+$/i.test(ip))
        problems.push(`network ${fallback.id}: ${ip} is not an address`);
  }
  return problems;
}
