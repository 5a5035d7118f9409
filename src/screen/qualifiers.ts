/**
 * Evidence beyond the name, as logic-v2 does it: a country that contradicts the list lowers the
 * score, a shared address raises it, and an equal identifier (registration, tax, SWIFT) or web
 * domain is strong evidence on its own.
 */
import type { ListParty } from "./lists/party.js";
import { websiteDomain } from "./lists/party.js";
import { foldText } from "./normalize/fold.js";
import { tokenise } from "./normalize/tokens.js";

export interface QueryEvidence {
  country?: string;
  address?: string;
  websites?: string[];
  ids?: string[];
}

export interface Qualifier {
  rule: "country mismatch" | "country agrees" | "address overlap" | "identifier equal" | "website equal";
  /** Added to the score; `floor` raises the score to at least this value. */
  delta?: number;
  floor?: number;
  detail: string;
}

export const QUALIFIER_WEIGHTS = {
  countryMismatch: -0.1,
  addressOverlap: 0.1,
  identifier: 0.95,
  website: 0.9,
};

const ADDRESS_NOISE = new Set([
  "street",
  "str",
  "st",
  "ul",
  "ulitsa",
  "road",
  "rd",
  "avenue",
  "ave",
  "building",
  "bld",
  "office",
  "floor",
  "suite",
  "and",
  "the",
  "of",
]);

function addressTokens(text: string): Set<string> {
  return new Set(tokenise(foldText(text)).filter((t) => t.length >= 3 && !ADDRESS_NOISE.has(t)));
}

const idKey = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, "");

function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export function qualify(party: ListParty, evidence: QueryEvidence): Qualifier[] {
  const out: Qualifier[] = [];
  if (evidence.country && party.countries.length > 0) {
    if (party.countries.includes(evidence.country))
      out.push({ rule: "country agrees", delta: 0, detail: evidence.country });
    else
      out.push({
        rule: "country mismatch",
        delta: QUALIFIER_WEIGHTS.countryMismatch,
        detail: `${evidence.country} vs ${party.countries.join(",")}`,
      });
  }
  if (evidence.address && party.addresses.length > 0) {
    const q = addressTokens(evidence.address);
    let best = 0;
    let bestText = "";
    for (const a of party.addresses) {
      const l = addressTokens(a.text);
      const shared = [...q].filter((t) => l.has(t)).length;
      const ratio = shared / Math.max(1, Math.min(q.size, l.size));
      if (ratio > best) {
        best = ratio;
        bestText = a.text;
      }
    }
    if (best >= 0.5)
      out.push({ rule: "address overlap", delta: QUALIFIER_WEIGHTS.addressOverlap * best, detail: bestText });
  }
  for (const raw of evidence.ids ?? []) {
    const k = idKey(raw);
    if (k.length < 5) continue;
    const hit = party.ids.find((i) => idKey(i.value) === k);
    if (hit)
      out.push({
        rule: "identifier equal",
        floor: QUALIFIER_WEIGHTS.identifier,
        detail: `${hit.type} ${hit.value}`,
      });
  }
  for (const raw of evidence.websites ?? []) {
    const d = websiteDomain(raw);
    const hit = d && party.websites.find((w) => sameSite(w, d));
    if (hit) out.push({ rule: "website equal", floor: QUALIFIER_WEIGHTS.website, detail: hit });
  }
  return out;
}

export function applyQualifiers(score: number, qualifiers: Qualifier[]): number {
  let s = score;
  for (const q of qualifiers) if (q.delta) s += q.delta;
  for (const q of qualifiers) if (q.floor !== undefined) s = Math.max(s, q.floor);
  return Math.max(0, Math.min(1, Math.round(s * 1000) / 1000));
}
