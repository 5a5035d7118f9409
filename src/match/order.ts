/**
 * Text order for everything a report sorts: UTF-16 code units, not `localeCompare`. It is the same
 * on every machine (no ICU or locale in it), so the same inputs give the same bytes everywhere,
 * and it is several times faster on large host lists.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
