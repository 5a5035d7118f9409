import { byText } from "../match/order.js";
/**
 * Screening one party (a supplier row, a software publisher) against every listed party: candidate
 * generation, name scoring over every alias and romanisation, qualifiers, the family rule, bands.
 * Each hit carries its explanation; results are deterministic for the same lists and query.
 */
import { type Band, bandOf, bandRank, maxBand } from "./bands.js";
import { type FamilyField, type FamilyMatch, type FamilyRule, familyMatch } from "./family-rule.js";
import { CandidateIndex } from "./index/candidate-index.js";
import type { Listing, ListParty } from "./lists/party.js";
import { analyseWrittenName } from "./normalize/written-name.js";
import { applyQualifiers, type Qualifier, type QueryEvidence, qualify } from "./qualifiers.js";
import { DEFAULT_PARAMS, type NameScore, type ScoreParams, scoreForms } from "./score/name-score.js";

export interface ScreenQuery extends QueryEvidence {
  name: string;
  /** Other values the family rule looks at: certificate subjects, publisher strings, domains. */
  also?: { value: string; field: FamilyField }[];
}

export interface PartySummary {
  key: string;
  name: string;
  source: string;
  sourceCode: string;
  type?: string;
  programs: string[];
  countries: string[];
  frNotice?: string;
  startDate?: string;
  licenseRequirement?: string;
  licensePolicy?: string;
  listings?: Listing[];
}

export interface ScreenHit {
  party: PartySummary;
  /** The list name that scored best and how the list gives it (primary, alias, a.k.a. …). */
  listName: string;
  listNameKind: string;
  /** The part of the query that scored (the query itself, or one of its own aliases). */
  queryName: string;
  /** Romanisation scheme of the query form and of the list form ("latin" when none applied). */
  querySchemes: string;
  score: number;
  nameScore: NameScore;
  qualifiers: Qualifier[];
  legalForms: { query: string[]; list: string[] };
  band: Band;
}

export interface ScreenResult {
  query: ScreenQuery;
  score: number;
  band: Band;
  /** Hits at `review` or above, best first; at most `maxHits`. */
  hits: ScreenHit[];
  family?: FamilyMatch;
  /** Annotations stripped from the query before matching. */
  removed: string[];
}

export interface ScreenerOptions {
  familyRule?: FamilyRule;
  params?: ScoreParams;
  candidates?: number;
  maxHits?: number;
}

function summary(p: ListParty): PartySummary {
  const s: PartySummary = {
    key: p.key,
    name: p.names[0]?.name ?? p.key,
    source: p.source,
    sourceCode: p.sourceCode,
    programs: p.programs,
    countries: p.countries,
  };
  if (p.type) s.type = p.type;
  if (p.frNotice) s.frNotice = p.frNotice;
  if (p.startDate) s.startDate = p.startDate;
  if (p.licenseRequirement) s.licenseRequirement = p.licenseRequirement;
  if (p.licensePolicy) s.licensePolicy = p.licensePolicy;
  if (p.listings) s.listings = p.listings;
  return s;
}

export class Screener {
  readonly index: CandidateIndex;
  private readonly params: ScoreParams;

  constructor(
    readonly parties: ListParty[],
    private readonly options: ScreenerOptions = {},
  ) {
    this.index = new CandidateIndex(parties);
    this.params = options.params ?? DEFAULT_PARAMS;
  }

  screen(query: ScreenQuery): ScreenResult {
    const written = analyseWrittenName(query.name);
    const forms = written.parts.flatMap((part) => part.forms.map((form) => ({ part, form })));
    const ids = this.index.candidates(
      forms.map((f) => f.form),
      this.options.candidates ?? 25,
    );
    const best = new Map<number, ScreenHit>();
    for (const id of ids) {
      const entry = this.index.entries[id]!;
      let top: { ns: NameScore; q: (typeof forms)[number] } | undefined;
      for (const q of forms) {
        const ns = scoreForms(q.form, entry.form, this.params);
        if (!top || ns.score > top.ns.score) top = { ns, q };
      }
      if (!top) continue;
      const have = best.get(entry.party);
      if (have && have.nameScore.score >= top.ns.score) continue;
      const party = this.parties[entry.party]!;
      const qualifiers = qualify(party, query);
      const score = applyQualifiers(top.ns.score, qualifiers);
      best.set(entry.party, {
        party: summary(party),
        listName: entry.name,
        listNameKind: entry.how,
        queryName: top.q.part.name,
        querySchemes:
          top.q.form.scheme === entry.form.scheme
            ? top.q.form.scheme
            : `${top.q.form.scheme} / ${entry.form.scheme}`,
        score,
        nameScore: top.ns,
        qualifiers,
        legalForms: {
          query: top.q.form.legalForms.map((f) => f.alias),
          list: entry.form.legalForms.map((f) => f.alias),
        },
        band: bandOf(score),
      });
    }
    // Parties whose best name did not score may still be lifted by an identifier or a website.
    if (query.ids?.length || query.websites?.length) this.addEvidenceOnlyHits(query, best);
    const hits = [...best.values()]
      .filter((h) => h.band !== "none")
      .sort((a, b) => b.score - a.score || byText(a.party.key, b.party.key))
      .slice(0, this.options.maxHits ?? 5);
    const top = hits[0];
    let band: Band = top?.band ?? "none";
    let family: FamilyMatch | undefined;
    if (this.options.familyRule) {
      family = familyMatch(this.options.familyRule, [
        { value: query.name, field: "name" },
        ...(query.websites ?? []).map((value) => ({ value, field: "domain" as const })),
        ...(query.also ?? []),
      ]);
      if (family) band = maxBand(band, "review");
    }
    const result: ScreenResult = { query, score: top?.score ?? 0, band, hits, removed: written.removed };
    if (family) result.family = family;
    return result;
  }

  private addEvidenceOnlyHits(query: ScreenQuery, best: Map<number, ScreenHit>): void {
    this.parties.forEach((party, i) => {
      if (best.has(i) || (party.ids.length === 0 && party.websites.length === 0)) return;
      const qualifiers = qualify(party, {
        ...(query.ids && { ids: query.ids }),
        ...(query.websites && { websites: query.websites }),
      });
      if (!qualifiers.some((q) => q.floor !== undefined)) return;
      const score = applyQualifiers(0, qualifiers);
      best.set(i, {
        party: summary(party),
        listName: party.names[0]?.name ?? party.key,
        listNameKind: "primary",
        queryName: query.name,
        querySchemes: "-",
        score,
        nameScore: { score: 0, base: 0, pairs: [], unmatchedQuery: [], unmatchedCandidate: [], factors: [] },
        qualifiers,
        legalForms: { query: [], list: [] },
        band: bandOf(score),
      });
    });
  }
}

export function isAtLeast(band: Band, threshold: Band): boolean {
  return bandRank(band) >= bandRank(threshold);
}
