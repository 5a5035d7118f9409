/**
 * Splitting folded, romanised text into tokens. Punctuation separates; "&" is "and", "%" is
 * "percent"; runs of single letters are initials written with dots or spaces and become one token
 * ("A.B.C." = "A B C" = "abc", "Sp. z o.o." → "sp zoo"), so every spelling of an acronym or a
 * dotted legal form meets the others. Initials joined by "&" or "and" are one acronym too
 * ("P&G" = "P and G" = "pg", "H&M").
 */
const isLetter = (t: string | undefined) => t !== undefined && t.length === 1 && /\p{L}/u.test(t);

/**
 * A web domain's ending written into a name ("Amazon.com", "Mail.ru", "Kaspi.kz", "Tesco.co.uk"):
 * the name is the label before it. The ending becomes a token of its own, marked with DOMAIN_MARK,
 * which the analysis keeps as a stopword: neither a business word ("com" is also short for
 * commerce) nor a country ("kz"), so "Amazon.com, Inc." meets "Amazon Inc." and "Amazon.com".
 */
export const DOMAIN_MARK = "\uE000";
const TLDS =
  "com|net|org|biz|info|io|ai|app|online|site|store|shop|tech|ru|su|kz|by|ua|uz|am|az|ge|kg|tj|md|de|uk|cn|hk|tw|jp|kr|fr|es|nl|eu|ch|pl|cz|se|fi|dk|ca|au|br|mx|ir|tr|ae|il|sg|vn";
const DOMAIN_END = new RegExp(
  `([\\p{L}\\p{N}]{2,})\\.(?:(?:co|com|ac|or|ne)\\.)?(${TLDS})(?![\\p{L}\\p{N}])`,
  "gu",
);

export function tokenise(text: string): string[] {
  const raw = text
    .replace(DOMAIN_END, `$1 ${DOMAIN_MARK}$2`)
    .replace(/&/g, " and ")
    .replace(/%/g, " percent ")
    .split(/[^\p{L}\p{N}\uE000]+/u)
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
