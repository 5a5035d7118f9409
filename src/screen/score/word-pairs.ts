/**
 * What the name score aligns, and how alike two aligned things are. Units are the words of a name,
 * each pair of neighbouring words joined ("Good Will" ~ "Goodwill"), and the spans of words an
 * acronym of the other name spells; a pair of units scores 1 when equal, less for one symbol group
 * (lab/laboratoriya), one country, an initial, equal romanisation skeletons, and typos within the
 * edit budget.
 */
import type { NameForm, Token } from "../normalize/analyze.js";
import { skeleton } from "../normalize/skeleton.js";
import { acronymSpans } from "./acronyms.js";
import { fuzzySimilarity } from "./edit-cost.js";
import type { ScoreParams } from "./params.js";

export type PairHow = "exact" | "number" | "symbol" | "skeleton" | "fuzzy" | "merge" | "acronym" | "initial";

export interface Unit {
  idx: number[];
  text: string;
  skeleton: string;
  token?: Token;
  weight: number;
  /** The initials of a span of words, to meet an acronym of the other name. */
  acronym?: boolean;
}

/** The words of a name and each pair of neighbours joined ("Good"+"Will"), once per name form. */
const baseUnits = new WeakMap<NameForm, Unit[]>();

function wordUnits(form: NameForm): Unit[] {
  let out = baseUnits.get(form);
  if (out) return out;
  const tokens = form.tokens;
  out = tokens.map((t, i) => ({
    idx: [i],
    text: t.text,
    skeleton: t.skeleton,
    token: t,
    weight: t.weight,
  }));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind === "number" || b.kind === "number") continue;
    out.push({
      idx: [i, i + 1],
      text: a.surface.replace(/ /g, "") + b.surface.replace(/ /g, ""),
      skeleton: a.skeleton + b.skeleton,
      weight: a.weight + b.weight,
    });
  }
  baseUnits.set(form, out);
  return out;
}

/** The units of a name against another: its words, joined neighbours, and spans spelling an acronym. */
export function units(form: NameForm, acronyms: ReadonlySet<string>): Unit[] {
  const spans = acronymSpans(form.tokens, acronyms);
  if (spans.length === 0) return wordUnits(form);
  const out = [...wordUnits(form)];
  for (const span of spans) {
    out.push({
      idx: span.idx,
      text: span.initials,
      skeleton: span.initials,
      weight: span.idx.reduce((w, k) => w + form.tokens[k]!.weight, 0),
      acronym: true,
    });
  }
  return out;
}

export function unitSimilarity(
  q: Unit,
  c: Unit,
  p: ScoreParams,
): { sim: number; how: PairHow; detail?: string; cost?: number } {
  if (q.acronym || c.acronym) {
    const single = q.acronym ? c.token : q.token;
    return single && single.surface === (q.acronym ? q.text : c.text)
      ? { sim: p.acronymSim, how: "acronym", detail: single.surface }
      : { sim: 0, how: "acronym" };
  }
  const merged = !q.token || !c.token;
  if (merged) {
    if (q.text === c.text) return { sim: 1, how: "merge" };
    const f = fuzzySimilarity(q.text, c.text);
    return { sim: f.sim ** p.fuzzyPower * 0.95, how: "merge", detail: `edit cost ${f.cost}` };
  }
  const a = q.token!;
  const b = c.token!;
  if (a.kind === "number" || b.kind === "number") {
    return a.kind === b.kind && a.text === b.text ? { sim: 1, how: "number" } : { sim: 0, how: "number" };
  }
  if (a.text === b.text) return { sim: 1, how: "exact" };
  // An initial for the word it abbreviates ("Qualizza R." / "Qualizza Renzo").
  if (initialOf(a, b) || initialOf(b, a)) return { sim: p.initialSim, how: "initial" };
  const group = sharedSymbol(a, b);
  if (group) return { sim: p.symbolSim, how: "symbol", detail: group };
  // One country in two words or languages ("Russia"/"Rossii", "UK"/"Britain").
  if (a.place && a.place === b.place) return { sim: p.symbolSim, how: "symbol", detail: a.place };
  if (a.text.length >= 4 && b.text.length >= 4 && a.skeleton === b.skeleton)
    return { sim: p.skeletonSim, how: "skeleton", detail: a.skeleton };
  // Dictionary words of two different groups ("Exports"/"Imports") are different words, not typos
  // of each other. A typo of one ("Leasign") is not in any group, so it may still align.
  if (a.symbol && b.symbol) return { sim: 0, how: "fuzzy" };
  // Typos happen in words as written: compare the unstemmed words, so "Kasperek" (another name)
  // stays further from "Kaspersky" than "Kapersky" (a typo), although both are one edit from "kaspersk".
  const f = fuzzySimilarity(a.surface, b.surface);
  let sim = f.sim ** p.fuzzyPower;
  let detail = `edit cost ${Math.round(f.cost * 10) / 10}`;
  let cost = f.cost;
  const ska = a.ending ? skeleton(a.surface) : a.skeleton;
  const skb = b.ending ? skeleton(b.surface) : b.skeleton;
  if (ska.length >= 4 && skb.length >= 4) {
    const s = fuzzySimilarity(ska, skb);
    if (s.sim ** p.fuzzyPower * p.skeletonSim > sim) {
      sim = s.sim ** p.fuzzyPower * p.skeletonSim;
      detail = `skeleton edit cost ${Math.round(s.cost * 10) / 10}`;
      cost = s.cost;
    }
  }
  return { sim, how: "fuzzy", detail, cost };
}

/** `a` is a single letter and `b` a longer word it begins. */
function initialOf(a: Token, b: Token): boolean {
  return (
    a.kind === "word" && b.kind === "word" && a.text.length === 1 && b.text.length > 1 && b.text[0] === a.text
  );
}

/** The symbol group two words share, if any ("corporation" and "korporatsiya": corp). */
function sharedSymbol(a: Token, b: Token): string | undefined {
  if (!a.symbols || !b.symbols) return undefined;
  return a.symbols.find((g) => b.symbols!.includes(g));
}
