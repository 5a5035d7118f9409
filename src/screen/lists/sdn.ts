/**
 * OFAC's legacy SDN CSV files: `sdn.csv` (ent_num, name, type, program, title, call sign, vessel
 * fields, remarks; "-0-" is empty; no header), `alt.csv` (ent_num, alt_num, type, name, remarks) and
 * `add.csv` (ent_num, add_num, address, city/state/postal, country, remarks). Aliases also hide in
 * the remarks ("a.k.a. 'BNC'"), as do websites and registration numbers.
 */
import type { InputIssue } from "../../model/issue.js";
import { countryCode } from "./countries.js";
import type { ReadResult } from "./csl.js";
import { csvRecords } from "./csv-text.js";
import { type ListParty, websiteDomain } from "./party.js";

export const SDN_SOURCE = "Specially Designated Nationals (SDN) - Treasury Department";

const empty = (v: string | undefined) => {
  const t = (v ?? "").replace(/\u001a/g, "").trim();
  return t === "-0-" || t === "" ? undefined : t;
};

const REMARK_ALIAS = /\b(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'([^']+)'/g;
const REMARK_WEBSITE = /\bWebsite\s+((?:https?:\/\/)?[\w.-]+\.[a-z]{2,}[^\s;]*)/gi;
const REMARK_ID =
  /\b(Registration ID|Registration Number|Tax ID No\.|Company Number|Government Gazette Number|Legal Entity Number|SWIFT\/BIC|IMO|MMSI|Business Registration Number)\s+([A-Z0-9][\w-]{3,})(?:\s+\(([^)]+)\))?/g;

function fromRemarks(party: ListParty, remarks: string): void {
  for (const m of remarks.matchAll(REMARK_ALIAS)) party.names.push({ name: m[2]!.trim(), kind: m[1]! });
  for (const m of remarks.matchAll(REMARK_WEBSITE)) {
    const d = websiteDomain(m[1]!);
    if (d && !party.websites.includes(d)) party.websites.push(d);
  }
  for (const m of remarks.matchAll(REMARK_ID)) {
    const country = countryCode(m[3]);
    party.ids.push(country ? { type: m[1]!, value: m[2]!, country } : { type: m[1]!, value: m[2]! });
  }
}

export type SdnFileKind = "sdn" | "alt" | "add";

/** Which of the three files a head of text is, from the shape of its first record. */
export function sdnFileKind(head: string): SdnFileKind | undefined {
  const next = csvRecords(head.replace(/^\uFEFF/, "")).next();
  const first = next.done ? undefined : next.value.fields;
  if (!first || !/^\d+$/.test(first[0]?.trim() ?? "")) return undefined;
  if (first.length === 12) return "sdn";
  if (
    first.length === 5 &&
    /^-0-|^\d+$/.test(first[1]?.trim() ?? "") &&
    /^(aka|fka|nka|-0-)\s*$/i.test(first[2] ?? "")
  )
    return "alt";
  if (first.length === 6 && /^\d+$/.test(first[1]?.trim() ?? "")) return "add";
  return undefined;
}

export function readSdn(text: string, file: string): ReadResult {
  const parties: ListParty[] = [];
  const issues: InputIssue[] = [];
  let record = 0;
  for (const { fields, line } of csvRecords(text.replace(/^\uFEFF/, ""))) {
    if (fields.length === 1 && empty(fields[0]) === undefined) continue;
    record++;
    const [ent, name, type, program, title, , , , , flag, , remarks] = fields;
    if (!/^\d+$/.test(ent?.trim() ?? "") || !empty(name)) {
      issues.push({
        file,
        line,
        record,
        code: "sdn-bad-record",
        message: "no entity number or no name",
        severity: "error",
      });
      continue;
    }
    const id = ent!.trim();
    const party: ListParty = {
      key: `SDN:${id}`,
      id,
      source: SDN_SOURCE,
      sourceCode: "SDN",
      names: [{ name: empty(name)!, kind: "primary" }],
      addresses: [],
      countries: [],
      ids: [],
      websites: [],
      programs: (empty(program) ?? "")
        .split(/\]\s*\[|;\s*/)
        .map((p) => p.replace(/[[\]]/g, "").trim())
        .filter(Boolean),
      origin: { file, record },
    };
    const t = empty(type);
    if (t) party.type = t === "individual" ? "Individual" : t[0]!.toUpperCase() + t.slice(1);
    else party.type = "Entity";
    const r = empty(remarks);
    if (r) {
      party.remarks = r;
      fromRemarks(party, r);
    }
    const f = countryCode(empty(flag));
    if (f) party.countries.push(f);
    if (empty(title)) party.remarks = [party.remarks, `Title: ${empty(title)}`].filter(Boolean).join("; ");
    parties.push(party);
  }
  return { parties, issues };
}

/** Attaches alt.csv aliases and add.csv addresses to parties read from sdn.csv, by entity number. */
export function attachSdnExtras(
  kind: "alt" | "add",
  text: string,
  file: string,
  byKey: Map<string, ListParty>,
): InputIssue[] {
  const issues: InputIssue[] = [];
  let record = 0;
  for (const { fields, line } of csvRecords(text.replace(/^\uFEFF/, ""))) {
    if (fields.length === 1 && empty(fields[0]) === undefined) continue;
    record++;
    const party = byKey.get(`SDN:${fields[0]?.trim()}`);
    if (!party) {
      issues.push({
        file,
        line,
        record,
        code: "sdn-orphan",
        message: `entity ${fields[0]} is not in the SDN file`,
        severity: "warning",
      });
      continue;
    }
    if (kind === "alt") {
      const name = empty(fields[3]);
      const how = empty(fields[2])?.toLowerCase() ?? "aka";
      if (name && !party.names.some((n) => n.name === name)) party.names.push({ name, kind: how });
    } else {
      const textParts = [empty(fields[2]), empty(fields[3])].filter(Boolean);
      const country = countryCode(empty(fields[4]));
      party.addresses.push(
        country ? { text: textParts.join(", "), country } : { text: textParts.join(", ") },
      );
      if (country && !party.countries.includes(country)) party.countries.push(country);
    }
  }
  return issues;
}
