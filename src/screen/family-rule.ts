/**
 * The vendor family rule. The ICTS Final Determination (89 FR 52434) reaches Kaspersky Lab, Inc.
 * "together with all affiliates, subsidiaries, and parent companies": parties on no list. So any
 * name, publisher, certificate subject or web domain carrying a brand stem (Latin or Cyrillic, after
 * folding homoglyphs and romanising) is at least `review`, whatever the fuzzy score says.
 */
import { domainToUnicode } from "node:url";
import type { Catalog } from "../catalog/load.js";
import type { Listing } from "./lists/party.js";
import { foldText } from "./normalize/fold.js";
import { romanise } from "./normalize/translit.js";

export interface FamilyRule {
  vendor: string;
  stems: string[];
  /** Legal bases that reach the family (listings of the catalogue entities, deduplicated). */
  basis: Listing[];
}

export type FamilyField = "name" | "publisher" | "certificate" | "domain";

export interface FamilyMatch {
  vendor: string;
  stem: string;
  field: FamilyField;
  value: string;
  basis: Listing[];
}

export function familyRuleFromCatalog(catalog: Pick<Catalog, "vendor" | "entities">): FamilyRule {
  // The family reaches affiliates through the ICTS determination; list rows have bases of their own.
  const all = catalog.entities.flatMap((e) => e.listings);
  const icts = all.filter((l) => /\bICTS\b/.test(l.list));
  const basis: Listing[] = [];
  for (const l of icts.length > 0 ? icts : all) {
    if (!basis.some((b) => b.citation.startsWith(l.citation) || l.citation.startsWith(b.citation))) {
      basis.push(l.effective ? { ...l } : { list: l.list, citation: l.citation });
    }
  }
  return { vendor: catalog.vendor.name, stems: catalog.vendor.brandStems.map((s) => foldText(s)), basis };
}

/** Every spelling of a value the stems are looked for in: folded, romanised, and without separators. */
function spellings(value: string, field: FamilyField): string[] {
  let v = value;
  if (field === "domain")
    v = v
      .split(".")
      .map((label) => (label.startsWith("xn--") ? domainToUnicode(label) || label : label))
      .join(".");
  const folded = foldText(v);
  const out = [folded, ...romanise(folded).map((r) => r.text)];
  return [...out, ...out.map((s) => s.replace(/[^\p{L}\p{N}]+/gu, ""))];
}

export function familyMatch(
  rule: FamilyRule,
  values: { value: string; field: FamilyField }[],
): FamilyMatch | undefined {
  for (const { value, field } of values) {
    if (!value) continue;
    const forms = spellings(value, field);
    for (const stem of rule.stems) {
      if (forms.some((f) => f.includes(stem))) {
        return { vendor: rule.vendor, stem, field, value, basis: rule.basis };
      }
    }
  }
  return undefined;
}
