/**
 * Regexes from data are checked before they are compiled: no nested quantifiers (the shape behind
 * catastrophic backtracking), no back-references or look-arounds, bounded length. What remains runs
 * in time polynomial in a bounded input.
 */
export function unsafeRegexReason(source: string): string | undefined {
  if (source.length > 200) return "longer than 200 characters";
  if (/\\[1-9]|\\k</.test(source)) return "back-references are not allowed";
  if (/\(\?[=!<]/.test(source)) return "look-arounds are not allowed";
  // Walk groups: a quantified group that itself contains a quantifier is nested repetition.
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      const end = source.indexOf("]", i + 1);
      if (end < 0) return "unterminated character class";
      i = end;
      continue;
    }
    if (c === "(") {
      stack.push(quantifiedInside);
      quantifiedInside = false;
      continue;
    }
    if (c === ")") {
      const inner = quantifiedInside;
      quantifiedInside = stack.pop() ?? false;
      const next = source[i + 1];
      const groupQuantified = next === "*" || next === "+" || next === "{" || next === "?";
      if (inner && groupQuantified && next !== "?") return "nested quantifiers";
      if (inner || (groupQuantified && next !== "?")) quantifiedInside = true;
      continue;
    }
    if (c === "*" || c === "+" || c === "{") quantifiedInside = true;
  }
  if (stack.length > 0) return "unbalanced parentheses";
  return undefined;
}

export function compileSafeRegex(source: string): RegExp {
  const reason = unsafeRegexReason(source);
  if (reason) throw new Error(`unsafe regex /${source}/: ${reason}`);
  return new RegExp(source, "u");
}
