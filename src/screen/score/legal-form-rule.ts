/**
 * The legal-form rule of the name score: legal forms are taken off the names before comparison and
 * kept aside; here they can only lower a score a little (a local form against an international
 * one) or more (forms of different kinds, or local forms of different countries: the same name
 * registered elsewhere is usually another legal person).
 */
import type { LegalFormInfo } from "../normalize/name-tables.js";

export interface LegalFormVerdict {
  rule: "legal forms of different kinds" | "legal forms of different countries" | "legal forms differ";
  /** "strong" for a different kind or country, "weak" for a mere difference in writing. */
  strength: "strong" | "weak";
  detail: string;
}

/** Forms written the same way across countries. */
const INTERNATIONAL_FORMS = new Set(["Ltd", "LLC", "Inc", "JSC", "PLC", "LP", "LLP", "CoLtd", "Corp", "Co"]);

/**
 * Former Soviet countries whose joint-stock companies are written AO/OAO/ZAO/PAO at home and
 * OJSC/CJSC/PJSC in English: all spellings of one company's forms over its history.
 */
const CIS = ["RU", "BY", "UA", "KZ", "UZ", "KG", "TJ", "AM", "AZ", "MD"];

/** Countries of common local legal forms; forms of one country (ZAO, AO) are one company's history. */
const FORM_COUNTRIES: Record<string, string[]> = {
  AO: CIS,
  ZAO: CIS,
  PAO: CIS,
  PJSC: CIS,
  OJSC: CIS,
  CJSC: CIS,
  OOO: CIS,
  TOV: ["UA"],
  GmbH: ["DE", "AT", "CH"],
  AG: ["DE", "AT", "CH"],
  SAS: ["FR"],
  SARL: ["FR", "LU", "MA"],
  SpA: ["IT"],
  SPA: ["IT"],
  SRL: ["IT", "RO"],
  Spzoo: ["PL"],
  BV: ["NL", "BE"],
  NV: ["NL", "BE"],
  AB: ["SE"],
  AS: ["NO", "DK", "EE"],
  oy: ["FI"],
  oü: ["EE"],
  SIA: ["LV"],
  UAB: ["LT"],
  doo: ["SI", "HR", "RS", "BA"],
  ood: ["BG"],
  "Sdn Bhd": ["MY"],
  bhd: ["MY"],
  "Pte Ltd": ["SG"],
  Ltda: ["BR", "PT", "CO"],
  FZE: ["AE"],
  FZCO: ["AE"],
};

function sameCountryForms(a: LegalFormInfo[], b: LegalFormInfo[]): boolean {
  const ca = new Set(a.flatMap((f) => FORM_COUNTRIES[f.compare] ?? []));
  return b.some((f) => (FORM_COUNTRIES[f.compare] ?? []).some((c) => ca.has(c)));
}

/** How the legal forms of two names disagree, if they do (no verdict when either has none). */
export function compareLegalForms(a: LegalFormInfo[], b: LegalFormInfo[]): LegalFormVerdict | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const ca = new Set(a.map((f) => f.compare));
  if (b.some((f) => ca.has(f.compare))) return undefined;
  const detail = `${a.map((f) => f.compare).join(" ")} vs ${b.map((f) => f.compare).join(" ")}`;
  const ga = new Set(a.map((f) => f.generic).filter(Boolean));
  const gb = new Set(b.map((f) => f.generic).filter(Boolean));
  if (ga.size > 0 && gb.size > 0 && ![...gb].some((g) => ga.has(g)))
    return { rule: "legal forms of different kinds", strength: "strong", detail };
  const localA = a.every((f) => !INTERNATIONAL_FORMS.has(f.compare));
  const localB = b.every((f) => !INTERNATIONAL_FORMS.has(f.compare));
  if (localA && localB && !sameCountryForms(a, b))
    return { rule: "legal forms of different countries", strength: "strong", detail };
  return { rule: "legal forms differ", strength: "weak", detail };
}
