import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  type Alternatives,
  AlternativesFile,
  ProfileFile,
  type Regime,
  Regime as RegimeSchema,
} from "../model/regime.js";
import type { Catalog } from "./load.js";
import { readCatalogFile } from "./read-file.js";

export interface RegimeSet {
  regimes: Regime[];
  profiles: { id: string; name: string; description: string }[];
  alternatives: Alternatives | undefined;
}

/** `catalog/regimes/*.yaml` (one regime per file, plus profiles.yaml) and `catalog/alternatives.yaml`. */
export function loadRegimes(root: string): RegimeSet {
  const dir = join(root, "regimes");
  const regimes: Regime[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && n !== "profiles.yaml")
    .sort()) {
    regimes.push(readCatalogFile(root, join(dir, name), RegimeSchema));
  }
  const profiles = readCatalogFile(root, join(dir, "profiles.yaml"), ProfileFile).profiles;
  const altPath = join(root, "alternatives.yaml");
  const alternatives = existsSync(altPath) ? readCatalogFile(root, altPath, AlternativesFile) : undefined;
  return { regimes, profiles, alternatives };
}

const ms = (instant: string | undefined, open: number) => (instant ? Date.parse(instant) : open);

/** Checks that need more than a schema: references, phase order, known sources. */
export function verifyRegimes(set: RegimeSet, catalog: Catalog): string[] {
  const problems: string[] = [];
  const known = new Set(Object.keys(catalog.manifest.sources));
  const profileIds = new Set(set.profiles.map((p) => p.id));
  const ids = new Set<string>();
  for (const r of set.regimes) {
    if (ids.has(r.id)) problems.push(`regime ${r.id}: duplicate id`);
    ids.add(r.id);
    const sources = [...r.sources, ...r.milestones.flatMap((m) => m.sources)];
    for (const s of sources)
      if (s.startsWith("S") && !known.has(s)) problems.push(`regime ${r.id}: unknown source ${s}`);
    const milestones = new Set(r.milestones.map((m) => m.id));
    r.rules.forEach((rule, i) => {
      for (const p of rule.when.profiles)
        if (!profileIds.has(p)) problems.push(`regime ${r.id} rule ${i}: unknown profile ${p}`);
      let previousEnd = Number.NEGATIVE_INFINITY;
      for (const phase of rule.phases) {
        const start = ms(phase.from, Number.NEGATIVE_INFINITY);
        const end = ms(phase.until, Number.POSITIVE_INFINITY);
        if (start >= end) problems.push(`regime ${r.id} rule ${i}: a phase ends before it starts`);
        if (start < previousEnd)
          problems.push(`regime ${r.id} rule ${i}: phases overlap or are out of order`);
        previousEnd = end;
        if (phase.milestone && !milestones.has(phase.milestone)) {
          problems.push(`regime ${r.id} rule ${i}: unknown milestone ${phase.milestone}`);
        }
        if (/\{deadline\}/.test(phase.obligation) && !phase.deadline) {
          problems.push(`regime ${r.id} rule ${i}: obligation names {deadline} but the phase has none`);
        }
      }
    });
  }
  if (set.alternatives) {
    for (const s of set.alternatives.sources)
      if (s.startsWith("S") && !known.has(s)) problems.push(`alternatives: unknown source ${s}`);
  }
  return problems;
}
