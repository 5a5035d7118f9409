/**
 * A romanisation skeleton: spellings that different schemes and languages give the same sound
 * collapse ("Kholmogrant"/"Holmogrant", "Zhelvinsky"/"Jelvinskiy", "Verkhnyaya"/"Werchnjaja",
 * "Rabinovich"/"Rabinowitz", doubled letters: "Exxon"/"Exon"). Equal skeletons count as a close, not
 * an exact, match; the candidate index uses them as phonetic keys.
 */
const RULES: [RegExp, string][] = [
  // Doubled letters first, so that "Exxon" and "Exon" expand their x alike.
  [/(.)\1+/g, "$1"],
  [/(vi|wi)(ch|tch|tz|cz|c)$/g, "viC"],
  [/^j/g, "J"],
  [/shch|shtsch|sch|tsch|tch/g, "S"],
  [/zh|dzh|dj|dž/g, "J"],
  [/kh|ch/g, "H"],
  [/ts|tz|cz/g, "C"],
  [/sh|sz/g, "S"],
  [/ph/g, "f"],
  [/w/g, "v"],
  [/q/g, "k"],
  [/ck/g, "k"],
  [/x/g, "ks"],
  [/(?<=[a-zA-Z])[yij](?=[aeou])/g, ""],
  [/^[yj](?=[aeou])/g, ""],
  [/[yj]/g, "i"],
  [/c/g, "C"],
  [/(.)\1+/g, "$1"],
];

const cache = new Map<string, string>();

export function skeleton(token: string): string {
  const hit = cache.get(token);
  if (hit !== undefined) return hit;
  let s = token;
  if (/^[a-z]+$/.test(token)) {
    for (const [re, r] of RULES) s = s.replace(re, r);
    s = s.toLowerCase();
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(token, s);
  return s;
}
