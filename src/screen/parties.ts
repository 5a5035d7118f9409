import { byText } from "../match/order.js";
/**
 * Screening for the scan report: software publishers, SBOM suppliers and certificate signers met
 * during a scan, each with the hosts it was seen on. Pure: the caller builds the `Screener` once
 * (lists + catalogue entities + family rule) and passes it in.
 */
import type { Band } from "./bands.js";
import { bandRank } from "./bands.js";
import { basisOf, explainFamily, explainHit } from "./explain.js";
import type { FamilyField } from "./family-rule.js";
import type { Screener } from "./screener.js";

export interface PartyInput {
  /** Publisher, supplier or signer name as seen. */
  name: string;
  /** Hosts (or SBOM assets) it was seen on. */
  hosts: string[];
  /** What the name is, for the family rule's explanation (default "publisher"). */
  field?: FamilyField;
  /** Web domains seen with it (supplier URL in an SBOM, signer's domain). */
  domains?: string[];
}

export interface PartyScreening {
  name: string;
  hosts: string[];
  band: Band;
  score: number;
  hits: {
    band: Band;
    score: number;
    sourceCode: string;
    listName: string;
    party: string;
    basis: string;
    explanation: string;
  }[];
  family?: string;
}

/**
 * Screens each distinct name once (hosts merged, sorted), and returns those at `review` or above
 * (all of them with `includeNone`), strongest first, then by name.
 */
export function screenParties(
  parties: PartyInput[],
  screener: Screener,
  options: { includeNone?: boolean } = {},
): PartyScreening[] {
  const byName = new Map<string, PartyInput & { hostSet: Set<string> }>();
  for (const p of parties) {
    const key = p.name.trim();
    if (!key) continue;
    const have = byName.get(key);
    if (have) {
      for (const h of p.hosts) have.hostSet.add(h);
      have.domains = [...new Set([...(have.domains ?? []), ...(p.domains ?? [])])];
    } else byName.set(key, { ...p, name: key, hostSet: new Set(p.hosts) });
  }
  const out: PartyScreening[] = [];
  for (const p of byName.values()) {
    const field = p.field ?? "publisher";
    const r = screener.screen({
      name: p.name,
      ...(p.domains && p.domains.length > 0 && { websites: p.domains }),
      also: [{ value: p.name, field }],
    });
    if (r.band === "none" && !options.includeNone) continue;
    const s: PartyScreening = {
      name: p.name,
      hosts: [...p.hostSet].sort(),
      band: r.band,
      score: r.score,
      hits: r.hits.map((h) => ({
        band: h.band,
        score: h.score,
        sourceCode: h.party.sourceCode,
        listName: h.listName,
        party: h.party.name,
        basis: basisOf(h),
        explanation: explainHit(h),
      })),
    };
    if (r.family) s.family = explainFamily({ ...r.family, field });
    out.push(s);
  }
  return out.sort(
    (a, b) => bandRank(b.band) - bandRank(a.band) || b.score - a.score || byText(a.name, b.name),
  );
}
