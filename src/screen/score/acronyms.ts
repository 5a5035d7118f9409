/**
 * Acronyms: a short word of one name that spells the initials of consecutive words of the other
 * ("U.S." → "us" = United States; "IBM" = International Business Machines). Stopwords inside the
 * span may be skipped or kept ("BOA" = Bank of America, "NTT" = Nippon Telegraph and Telephone).
 * Numbers end a span.
 */
import type { NameForm, Token } from "../normalize/analyze.js";

/** Longest acronym looked for, in letters. */
const MAX_LETTERS = 6;

export interface AcronymSpan {
  /** Token indexes covered, consecutive. */
  idx: number[];
  /** The initials they spell. */
  initials: string;
}

const NONE: ReadonlySet<string> = new Set();
const candidatesOf = new WeakMap<NameForm, ReadonlySet<string>>();

/**
 * Words of a name that could be acronyms of the other: distinctive words (or country words: "UK",
 * "US") of two to six letters, no digits. Computed once per name form.
 */
export function acronymCandidates(form: NameForm): ReadonlySet<string> {
  let out = candidatesOf.get(form);
  if (!out) {
    let set: Set<string> | undefined;
    for (const t of form.tokens) {
      const w = t.surface;
      if (t.kind !== "word" || w.length < 2 || w.length > MAX_LETTERS || !(t.distinctive || t.place))
        continue;
      if (!/^\p{L}+$/u.test(w)) continue;
      set ??= new Set();
      set.add(w);
    }
    out = set ?? NONE;
    candidatesOf.set(form, out);
  }
  return out;
}

/** The initial of each word of a token (a table phrase such as "investment fund" gives two). */
function initialsOf(t: Token): string {
  if (!t.surface.includes(" ")) return t.surface[0] ?? "";
  return t.surface
    .split(" ")
    .map((w) => w[0] ?? "")
    .join("");
}

/**
 * Spans of two or more tokens whose initials spell one of `wanted`, stopwords inside a span
 * counting or not. A span starts and ends on a word.
 */
export function acronymSpans(tokens: Token[], wanted: ReadonlySet<string>): AcronymSpan[] {
  const out: AcronymSpan[] = [];
  if (wanted.size === 0 || tokens.length < 2) return out;
  for (const acronym of wanted) {
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i]!;
      if (first.kind !== "word" || first.surface[0] !== acronym[0]) continue;
      // Two readings at once: with the stopwords' initials, and without them.
      let all = "";
      let content = "";
      const idx: number[] = [];
      for (let j = i; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (t.kind === "number") break;
        const ini = initialsOf(t);
        all += ini;
        if (t.kind !== "stop") content += ini;
        idx.push(j);
        if (!acronym.startsWith(all) && !acronym.startsWith(content)) break;
        if (t.kind !== "stop" && idx.length >= 2 && (all === acronym || content === acronym)) {
          out.push({ idx: [...idx], initials: acronym });
          break;
        }
      }
    }
  }
  return out;
}
