import { type DomainEntry, LOWER } from "./network-index.js";
import { type LiteralChecks, MAX_OFFSET } from "./wasm/line-kernel.js";

/**
 * Literals every matching name must hold, for a pre-filter that reads raw bytes: a name matches a
 * domain rule only if it ends in the rule's host, so it holds each label of that host. A few
 * literals are chosen so that every host has a label holding one of them (greedy set cover over the
 * hosts' labels, the top-level domain left out: every name under it shares it). The catalogue's
 * hosts give `kaspersky` and `securelist`. Undefined when more, or shorter, ones would be needed.
 */
export function requiredLiterals(
  entries: readonly DomainEntry[],
  max = 4,
  minLength = 5,
): string[] | undefined {
  if (entries.length === 0) return undefined;
  const hosts = [
    ...new Set(
      entries.map((e) => {
        const parts = e.host.toLowerCase().replace(/\.$/, "").split(".");
        return (parts.length > 1 ? parts.slice(0, -1) : parts).filter((l) => /^[\x21-\x7e]+$/.test(l));
      }),
    ),
  ];
  const candidates = [...new Set(hosts.flat())].filter((l) => l.length >= minLength);
  const covers = (lit: string, labels: string[]) => labels.some((l) => l.includes(lit));
  const chosen: string[] = [];
  let open = hosts;
  while (open.length > 0) {
    let best: string | undefined;
    let bestCount = 0;
    for (const c of candidates) {
      const n = open.filter((h) => covers(c, h)).length;
      if (
        n > bestCount ||
        (n === bestCount &&
          best !== undefined &&
          (c.length < best.length || (c.length === best.length && c < best)))
      ) {
        best = c;
        bestCount = n;
      }
    }
    if (best === undefined || chosen.length === max) return undefined;
    chosen.push(best);
    const lit = best;
    open = open.filter((h) => !covers(lit, h));
  }
  return chosen.sort();
}

/**
 * Rough frequency rank of bytes in host names and log text (lower is more common): the kernel tests
 * a literal's first byte, its last and its least common one between, so few windows pass by chance.
 */
const COMMON = "etaoinsrhldcumfpgwybvkxjqz";
const rank = (c: string) => {
  const i = COMMON.indexOf(c);
  return i < 0 ? COMMON.length : i;
};

export function literalChecks(literal: string): LiteralChecks {
  const last = Math.min(literal.length - 1, MAX_OFFSET);
  let rare = -1;
  for (let i = 1; i < last; i++) if (rare < 0 || rank(literal[i]!) > rank(literal[rare]!)) rare = i;
  const offsets = [0, ...(rare > 0 ? [rare] : []), last];
  return offsets.map((d) => [literal.charCodeAt(d), d]);
}

/** True when `buf` holds one of `literals` (lower case ASCII) at `at`, in any ASCII case. */
export function literalAt(buf: Uint8Array, at: number, literals: readonly string[]): boolean {
  for (const l of literals) {
    if (at + l.length > buf.length) continue;
    let i = 0;
    while (i < l.length && LOWER[buf[at + i]!] === l.charCodeAt(i)) i++;
    if (i === l.length) return true;
  }
  return false;
}
