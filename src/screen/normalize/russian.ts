/**
 * Light Russian (and Polish/Ukrainian) adjective endings after romanisation: "Kasperskogo",
 * "Kasperskiy", "Kasperskij", "Kasperskii", "Kaspersky", "Kasperskaya" all become "kaspersk", so the
 * grammatical case or the romanisation of the ending never decides a match.
 */
const ADJECTIVE_ENDING =
  /(sk|tsk|ck|cz?k|zk)(ogo|ovo|omu|iye|iyi|ikh|aya|aia|aja|oye|oje|iy|yi|ii|ij|yj|yy|oi|oj|oy|oe|ie|ye|ix|ih|im|ym|om|uyu|uju|uiu|y|i|a|u|e)$/;

export function stripRussianEnding(token: string): { stem: string; ending: string } | undefined {
  if (token.length < 6) return undefined;
  const m = ADJECTIVE_ENDING.exec(token);
  if (!m) return undefined;
  const ending = m[2]!;
  return { stem: token.slice(0, token.length - ending.length), ending };
}
