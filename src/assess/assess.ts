import { byText } from "../match/order.js";
import type { Product } from "../model/catalog.js";
import type { Assessment, Finding } from "../model/finding.js";
import type { Phase, Regime, Rule } from "../model/regime.js";
import { addBusinessDays } from "./business-days.js";
import { statusRank } from "./severity.js";

export interface AssessContext {
  regimes: readonly Regime[];
  profiles: readonly string[];
  /** YYYY-MM-DD (read as 12:00 UTC that day) or an exact instant with its zone. */
  asOf: string;
  products: ReadonlyMap<string, Product>;
  /** Platforms each host is known to run, from the inputs. */
  hostPlatforms: ReadonlyMap<string, readonly string[]>;
}

/**
 * A calendar date is read as noon UTC: the day as lived from the Americas to Australia, so a U.S.
 * cut-off at 00:00 EDT has passed on its own date and an Australian deadline has not on the eve.
 */
export function asOfInstant(asOf: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T12:00:00Z` : asOf);
}

function ruleApplies(rule: Rule, profile: string, finding: Finding, ctx: AssessContext): boolean {
  const w = rule.when;
  if (!w.profiles.includes(profile as never)) return false;
  if (w.scope && !w.scope.includes(finding.scope)) return false;
  if (w.class && !w.class.includes(finding.class)) return false;
  if (w.updateAfterCutoff !== undefined && w.updateAfterCutoff !== (finding.updateAfterCutoff === true))
    return false;
  const product = ctx.products.get(finding.product);
  if (w.kind && (!product || !w.kind.includes(product.kind))) return false;
  if (w.family && (!product || !w.family.includes(product.family))) return false;
  if (w.platform) {
    const wanted = new Set<string>(w.platform);
    const known = ctx.hostPlatforms.get(finding.host) ?? [];
    // a known host platform must be wanted; otherwise every platform the product runs on must be
    const ok =
      known.length > 0
        ? known.some((p) => wanted.has(p))
        : (product?.platforms.length ?? 0) > 0 && product!.platforms.every((p) => wanted.has(p));
    if (!ok) return false;
  }
  return true;
}

function phaseAt(rule: Rule, at: number): Phase | undefined {
  return rule.phases.find(
    (p) =>
      (p.from === undefined || Date.parse(p.from) <= at) &&
      (p.until === undefined || at < Date.parse(p.until)),
  );
}

function citationAt(regime: Regime, at: number): string {
  const c = regime.citations.find(
    (x) =>
      (x.from === undefined || Date.parse(x.from) <= at) &&
      (x.until === undefined || at < Date.parse(x.until)),
  );
  return (c ?? regime.citations[0]!).text;
}

/** The day the finding was discovered: its first sighting, else the as-of date. */
function discoveryDate(finding: Finding, asOf: string): string {
  return (finding.firstSeen ?? asOf).slice(0, 10);
}

function resolveDeadline(d: Phase["deadline"], finding: Finding, asOf: string): string | undefined {
  if (d === undefined) return undefined;
  if (typeof d === "string") return d;
  return addBusinessDays(discoveryDate(finding, asOf), d.businessDays);
}

function fill(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    return v === undefined ? `{${key}}` : v;
  });
}

/** A deadline as a person reads it: the calendar date in the zone the rule states it in. */
function showDate(deadline: string | undefined): string | undefined {
  return deadline?.slice(0, 10);
}

/** Evaluates one finding under every regime and profile; pure: the date is passed in. */
export function assessFinding(finding: Finding, ctx: AssessContext): Assessment[] {
  const at = asOfInstant(ctx.asOf);
  const out: Assessment[] = [];
  for (const regime of ctx.regimes) {
    let best: Assessment | undefined;
    for (const profile of ctx.profiles) {
      const rule = regime.rules.find((r) => ruleApplies(r, profile, finding, ctx));
      const phase = rule && phaseAt(rule, at);
      if (!phase) continue;
      const deadline = resolveDeadline(phase.deadline, finding, ctx.asOf);
      const deadline2 = resolveDeadline(phase.deadline2, finding, ctx.asOf);
      const assessment: Assessment = {
        regime: regime.id,
        profile,
        status: phase.status,
        obligation: fill(phase.obligation, {
          product: finding.productName,
          host: finding.host,
          deadline: showDate(deadline),
          deadline2: showDate(deadline2),
        }),
        citation: citationAt(regime, at),
        ...(deadline && { deadline }),
        ...(phase.milestone && { milestone: phase.milestone }),
      };
      if (!best || statusRank(assessment.status) < statusRank(best.status)) best = assessment;
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => statusRank(a.status) - statusRank(b.status) || byText(a.regime, b.regime));
}

export function assessFindings(findings: readonly Finding[], ctx: AssessContext): Finding[] {
  return findings.map((f) => ({ ...f, assessments: assessFinding(f, ctx) }));
}
