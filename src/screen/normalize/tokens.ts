/**
 * Splitting folded, romanised text into tokens. Punctuation separates; "&" is "and", "%" is
 * "percent"; runs of single letters are initials written with dots or spaces and become one token
 * ("A.B.C." = "A B C" = "abc", "Sp. z o.o." → "sp zoo"), so every spelling of an acronym or a
 * dotted legal form meets the others. Initials joined by "&" or "and" are one acronym too
 * ("P&G" = "P and G" = "pg", "H&M").
 */
const isLetter = (t: string | undefined) => t !== undefined && t.length === 1 && /\p{L}/u.test(t);

export function tokenise(text: string): string[] {
  const raw = text
    .replace(/&/g, " and ")
    .replace(/%/g, " percent ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) out.push(run.join(""));
    else if (run.length === 1) out.push(run[0]!);
    run = [];
  };
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (isLetter(t)) run.push(t);
    else if (t === "and" && run.length > 0 && isLetter(raw[i + 1])) continue;
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}
