import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Catalog, readCatalogFile } from "../catalog/load.js";
import { type Case, CaseFile } from "../model/catalog.js";
import type { ObservationKind } from "../model/observation.js";
import { FindingCollector } from "./findings.js";
import { HostRegistry } from "./hosts.js";
import type { Matcher } from "./matcher.js";

export interface LoadedCase extends Case {
  file: string;
}

export function loadCases(catalog: Catalog): LoadedCase[] {
  const dir = join(catalog.root, "cases");
  const out: LoadedCase[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const data = readCatalogFile(catalog.root, join(dir, name), CaseFile);
    for (const c of data.cases) out.push({ ...c, file: `cases/${name}` });
  }
  return out;
}

export interface CaseOutcome {
  products: string[];
  fired: string[];
  setAside: string[];
}

/** Runs one case record through the matcher and the finding resolver, as a one-record scan would. */
export function runCase(matcher: Matcher, c: Case): CaseOutcome {
  const hosts = new HostRegistry();
  const collector = new FindingCollector(matcher, hosts);
  const host = {
    name: "case-host",
    ...(c.record.ip && { ip: c.record.ip }),
    ...(c.record.platform && { platform: c.record.platform }),
  };
  const fields = { ...c.record.fields, ...(c.record.installDate && { installDate: c.record.installDate }) };
  const obs = {
    host,
    kind: c.record.kind as ObservationKind,
    fields,
    origin: { format: "case", file: c.name, record: 1 },
  };
  collector.add(obs, hosts.touch(host, "case"));
  const { findings, suppressed } = collector.finish();
  return {
    products: [...new Set(findings.map((f) => f.product))].sort(),
    // hits after arbitration: guards fire without producing evidence
    fired: [...new Set(matcher.match(obs).hits.map((h) => h.rule.compiled.signature.id))].sort(),
    setAside: [
      ...new Set([
        ...suppressed.map((s) => s.signature),
        ...findings.flatMap((f) => (f.suppressed ?? []).map((s) => s.signature)),
      ]),
    ].sort(),
  };
}
