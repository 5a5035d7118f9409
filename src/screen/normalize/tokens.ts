/**
 * Splitting folded, romanised text into tokens. Punctuation separates; "&" is "and"; runs of single
 * letters are initials written with dots or spaces and become one token ("A.B.C." = "A B C" = "abc",
 * "Sp. z o.o." → "sp zoo"), so every spelling of an acronym or a dotted legal form meets the others.
 */
export function tokenise(text: string): string[] {
  const raw = text
    .replace(/&/g, " and ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) out.push(run.join(""));
    else if (run.length === 1) out.push(run[0]!);
    run = [];
  };
  for (const t of raw) {
    if (t.length === 1 && /\p{L}/u.test(t)) run.push(t);
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}
