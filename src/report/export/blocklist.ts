import { byText } from "../../match/order.js";
import type { ExportPlan, HostIndicator } from "./plan.js";

/**
 * What DNS blocklists hold: every host indicator except Kaspersky's public web sites, which are not
 * install indicators and must stay reachable. A web-site rule that sits under a blocked suffix (a
 * more specific name the catalogue gives to another signal) is passed through explicitly, since the
 * catalogue's longest rule wins and a blocklist would otherwise swallow it.
 */

export interface ListEntry {
  host: string;
  match: "exact" | "suffix";
  rule: HostIndicator;
}

export interface Blocklist {
  block: ListEntry[];
  pass: ListEntry[];
  /** Rules left unblocked (public web sites), named in the header. */
  unblocked: HostIndicator[];
}

/** `name` is `host` or, for a suffix rule, any name under it (whole labels). */
export function covers(entry: { host: string; match: "exact" | "suffix" }, name: string): boolean {
  return name === entry.host || (entry.match === "suffix" && name.endsWith(`.${entry.host}`));
}

function entries(rules: readonly HostIndicator[]): ListEntry[] {
  return rules
    .flatMap((rule) => rule.hosts.map((host) => ({ host, match: rule.match, rule })))
    .sort((a, b) => byText(a.host, b.host) || byText(a.match, b.match));
}

export function blocklist(plan: ExportPlan): Blocklist {
  const blocked = plan.hosts.filter((h) => !h.informational);
  const unblocked = plan.hosts.filter((h) => h.informational);
  const block = entries(blocked);
  const pass = entries(unblocked).filter((e) =>
    block.some((b) => b.match === "suffix" && e.host !== b.host && covers(b, e.host)),
  );
  return { block, pass, unblocked };
}

/** Comment text for one rule: id, signal, strength, confidence, sources, catalogue version. */
export function ruleNote(plan: ExportPlan, rule: HostIndicator): string {
  const strength = rule.informational ? "informational" : rule.strong ? "strong" : "weak";
  return `${rule.id}: ${rule.signal}, ${strength}${rule.low ? ", low confidence" : ""}, match ${rule.match} [${rule.sources.join(" ")}] (${plan.catalog.name} ${plan.catalog.version})`;
}

/**
 * A blocklist's entries grouped by rule (rule id, then host, in code-unit order: the same bytes on
 * every machine), each group after a comment naming its rule: what every blocklist export writes.
 */
export function byRule(
  plan: ExportPlan,
  list: readonly ListEntry[],
  comment: (note: string) => string,
  directives: (e: ListEntry) => string[],
): string[] {
  const out: string[] = [];
  let last: string | undefined;
  for (const e of [...list].sort((a, b) => byText(a.rule.id, b.rule.id) || byText(a.host, b.host))) {
    if (e.rule.id !== last) out.push("", comment(ruleNote(plan, e.rule)));
    last = e.rule.id;
    out.push(...directives(e));
  }
  return out;
}

/** The header lines every blocklist carries about what it leaves open. */
export function blocklistNotes(plan: ExportPlan, list: Blocklist): string[] {
  const notes: string[] = [];
  if (list.unblocked.length > 0)
    notes.push(
      `Not blocked (public web sites, not install indicators): ${list.unblocked.map((r) => r.id).join(", ")}.`,
    );
  const r = plan.resolvers;
  if (r)
    notes.push(
      `Kaspersky products fall back to public resolvers when the system resolver fails (${r.id}: ${r.resolvers.join(", ")} [${r.sources.join(" ")}]): block outbound DNS (53/udp, 53/tcp, 853/tcp) to them, or this list is bypassed.`,
    );
  return notes;
}
