/**
 * What is written around a name but is not the name: other names of the same party ("a.k.a.",
 * "f.k.a.", "ex-", "d/b/a"), list boilerplate ("and any successor, sub-unit, or subsidiary
 * thereof"), payment-message labels ("BENEFICIARY:", "FIELD 59:"), care-of and street addresses, branch
 * and flag notes. Each removal is reported so the explanation can show it.
 */
export interface SplitName {
  primary: string;
  aliases: { name: string; how: string }[];
  removed: string[];
}

const ALIAS_MARKERS =
  /\s*[(;,]?\s*\b(a\.?\s?k\.?\s?a\.?|f\.?\s?k\.?\s?a\.?|n\.?\s?k\.?\s?a\.?|a\/k\/a|f\/k\/a|d\/b\/a|also known as|formerly known as|previously known as|presently known as|doing business as|trading as|formerly|ex-|ex\s(?=\p{Lu}))\s*/giu;

const BOILERPLATE = [
  /[;,]?\s*and any successors?,? sub-units?,? (?:or|and) subsidiar(?:y|ies) thereof\.?/gi,
  /[;,]?\s*and its successors?(?: and assigns)?\.?$/gi,
];

const LABELS =
  /^\s*(?:(?:shipper|consignee|beneficiary|ordering customer|applicant|notify party|remitter|payee|vendor|supplier|field\s*\d+[a-z]?)\s*:|messrs\.?|m\/s\.?)\s*/i;

const TAILS: [RegExp, string][] = [
  [/\s*[,;]?\s*\bc\/o\b.*$/i, "care-of"],
  [/\s*\(([^()]*\bbranch)\)\s*$/i, "branch"],
  [/\s*[-–—,]\s*([^,()\-–—]*\bbranch)\s*$/i, "branch"],
  [/\s*\(([^()]*\bflag)\)\s*$/i, "flag"],
  [/\s*,\s*(\d[^,]*(?:,.*)?)$/, "address"],
];

function cleanAlias(s: string): string {
  return s.replace(/^[\s'"“”‘’«»]+|[\s'"“”‘’«».;,)]+$/g, "").trim();
}

/** Splits one written name into the primary name, its aliases and what was stripped. */
/** Cheap test: most names carry none of the markers, labels or tails above. */
const MAYBE_ANNOTATED =
  /k\.?\s?a|\/|:|;|,|\(|branch|flag|\bex\b|known|formerly|doing business|trading as|successor|messrs/i;

export function splitName(written: string): SplitName {
  const removed: string[] = [];
  let s = written.replace(/\s+/g, " ").trim();
  if (!MAYBE_ANNOTATED.test(s)) return { primary: s, aliases: [], removed };
  for (const re of BOILERPLATE) {
    s = s.replace(re, (m) => {
      removed.push(`list boilerplate "${m.trim()}"`);
      return "";
    });
  }
  const label = LABELS.exec(s);
  if (label && label[0].length < s.length) {
    removed.push(`label "${label[0].trim()}"`);
    s = s.slice(label[0].length);
  }
  for (const [re, what] of TAILS) {
    const m = re.exec(s);
    if (m && m.index > 0) {
      removed.push(`${what} "${(m[1] ?? m[0]).trim()}"`);
      s = s.slice(0, m.index);
    }
  }
  const aliases: { name: string; how: string }[] = [];
  const parts: { text: string; how: string }[] = [];
  let last = 0;
  let how = "primary";
  for (const m of s.matchAll(ALIAS_MARKERS)) {
    if (m.index === 0 && how === "primary") {
      how = m[1]!.toLowerCase();
      last = m[0].length;
      continue;
    }
    parts.push({ text: s.slice(last, m.index), how });
    how = m[1]!.toLowerCase().replace(/\s/g, "");
    last = m.index + m[0].length;
  }
  parts.push({ text: s.slice(last), how });
  let primary = "";
  for (const p of parts) {
    // An alias marker inside parentheses leaves the closing bracket on the alias.
    const text = cleanAlias(p.text.replace(/\(\s*$/, ""));
    if (!text) continue;
    if (!primary && p.how === "primary") primary = text;
    else aliases.push({ name: text, how: p.how });
  }
  if (!primary) {
    const first = aliases.shift();
    primary = first?.name ?? cleanAlias(s);
  }
  return { primary, aliases, removed };
}
