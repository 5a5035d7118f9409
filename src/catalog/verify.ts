import type { Signature } from "../model/catalog.js";
import { compileSignature } from "./compile.js";
import type { Catalog } from "./load.js";
import { verifyNetwork } from "./network.js";
import { verifyRegimes } from "./regimes.js";

/** A source that is a document or repository, not a pointer to an unattributed fact-sheet row. */
const isCited = (id: string): boolean => /^(S\d|repo:)/.test(id);

/** Every check the catalogue must pass before it is used; returns the problems found, in words. */
export function verifyCatalog(catalog: Catalog): string[] {
  const problems: string[] = [];
  const known = new Set(Object.keys(catalog.manifest.sources));
  const signatureIds = new Map<string, string>();

  const checkSources = (where: string, sources: string[], confidence?: "normal" | "low") => {
    if (confidence === "normal" && !sources.some(isCited)) {
      problems.push(
        `${where}: cites only unattributed rows (${sources.join(", ")}); mark it confidence: low`,
      );
    }
    for (const s of sources) {
      if (s.startsWith("S") && !known.has(s)) problems.push(`${where}: source ${s} is not in manifest.yaml`);
    }
  };
  const checkSignature = (where: string, sig: Signature) => {
    const prior = signatureIds.get(sig.id);
    if (prior) problems.push(`${where}: signature id ${sig.id} already used by ${prior}`);
    signatureIds.set(sig.id, where);
    checkSources(`${where} ${sig.id}`, sig.sources, sig.confidence);
    if (sig.match === "regex" && !sig.needles)
      problems.push(`${where} ${sig.id}: regex signatures must list needles`);
    try {
      compileSignature(sig);
    } catch (e) {
      problems.push(`${where} ${sig.id}: ${(e as Error).message}`);
    }
  };

  for (const p of catalog.products.values()) {
    checkSources(`product ${p.id}`, p.sources, p.confidence);
    if ((p.kind === "oem" || p.kind === "engine") && !p.engineOf) {
      problems.push(`product ${p.id}: ${p.kind} entries name the engine inside (engineOf)`);
    }
    if (p.era?.to !== undefined && p.era.to < p.era.from)
      problems.push(`product ${p.id}: era ends before it starts`);
    for (const sig of p.signatures) {
      checkSignature(`product ${p.id}`, sig);
      if (sig.products || sig.fallback)
        problems.push(`product ${p.id} ${sig.id}: products/fallback belong in shared signatures`);
    }
  }
  for (const sig of catalog.shared) {
    checkSignature("shared", sig);
    const targets = sig.products ?? [];
    if (targets.length === 0) problems.push(`shared ${sig.id}: lists no products (use ["*"] for any)`);
    for (const id of targets) {
      if (id !== "*" && !catalog.products.has(id)) problems.push(`shared ${sig.id}: unknown product ${id}`);
    }
    if (!sig.fallback) problems.push(`shared ${sig.id}: needs a fallback product`);
    else if (!catalog.products.has(sig.fallback))
      problems.push(`shared ${sig.id}: unknown fallback ${sig.fallback}`);
  }
  for (const g of catalog.guards) {
    checkSources(`guard ${g.id}`, g.sources, g.confidence);
    for (const sig of g.signatures) checkSignature(`guard ${g.id}`, { ...sig, exclusive: true });
  }
  for (const e of catalog.entities) checkSources(`entity ${e.id}`, e.sources, e.confidence);
  checkSources("vendor", catalog.vendor.sources);
  problems.push(...verifyRegimes(catalog.regimes, catalog));
  problems.push(...verifyNetwork(catalog.network, new Set(catalog.products.keys()), known));
  return problems;
}
