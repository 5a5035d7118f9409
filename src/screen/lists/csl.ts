/**
 * The Consolidated Screening List (trade.gov), official CSV (29 columns, multi-values joined by
 * "; ") and JSON (arrays, address and id objects). Both become the same `ListParty`; aliases come
 * from `alt_names` and from "a.k.a." text inside `name`.
 */
import { z } from "zod";
import type { InputIssue } from "../../model/issue.js";
import { countryCode } from "./countries.js";
import { csvRecords } from "./csv-text.js";
import { type ListParty, type PartyId, sourceCode, websiteDomain } from "./party.js";

export const CSL_COLUMNS = [
  "_id",
  "source",
  "entity_number",
  "type",
  "programs",
  "name",
  "title",
  "addresses",
  "federal_register_notice",
  "start_date",
  "end_date",
  "standard_order",
  "license_requirement",
  "license_policy",
  "call_sign",
  "vessel_type",
  "gross_tonnage",
  "gross_registered_tonnage",
  "vessel_flag",
  "vessel_owner",
  "remarks",
  "source_list_url",
  "alt_names",
  "citizenships",
  "dates_of_birth",
  "nationalities",
  "places_of_birth",
  "source_information_url",
  "ids",
] as const;

const text = z.string().nullish();
const list = z
  .union([z.array(z.string().nullable()), z.string()])
  .nullish()
  .transform((v) =>
    (Array.isArray(v) ? v : typeof v === "string" ? v.split("; ") : [])
      .filter((x): x is string => !!x)
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** One CSL record as the JSON gives it; unknown fields pass, missing ones are empty. */
export const CslRecord = z.looseObject({
  id: text,
  _id: text,
  source: z.string().min(1),
  entity_number: z.union([z.string(), z.number()]).nullish(),
  type: text,
  name: z.string().min(1),
  programs: list,
  alt_names: list,
  nationalities: list,
  citizenships: list,
  federal_register_notice: text,
  start_date: text,
  end_date: text,
  license_requirement: text,
  license_policy: text,
  remarks: text,
  source_list_url: text,
  addresses: z
    .array(
      z.looseObject({
        address: text,
        city: text,
        state: text,
        postal_code: text,
        country: text,
      }),
    )
    .nullish(),
  ids: z
    .array(z.looseObject({ type: text, number: z.union([z.string(), z.number()]).nullish(), country: text }))
    .nullish(),
});
export type CslRecord = z.infer<typeof CslRecord>;

const clean = (s: string | null | undefined) => s?.trim() || undefined;

function idsToParty(ids: PartyId[], party: ListParty): void {
  for (const id of ids) {
    if (/^web ?site$/i.test(id.type)) {
      const d = websiteDomain(id.value);
      if (d && !party.websites.includes(d)) party.websites.push(d);
    } else if (id.value && !/^(gender|secondary sanctions risk|transactions prohibited)/i.test(id.type)) {
      party.ids.push(id);
    }
  }
}

/**
 * List names often end with a short form in parentheses: "… 13th Research Institute (CETC 13)",
 * "Academy of Aerospace Solid Propulsion Technology (AASPT)". Both the name without it and the
 * short form are names the party goes by, so each becomes an alias beside the full name.
 */
export function withParentheticals<T extends { name: string; kind: string }>(names: T[]): T[] {
  const out = [...names];
  const seen = new Set(names.map((n) => n.name.toLowerCase()));
  for (const n of names) {
    const m = /^(.*\S)\s*\(([^()]{2,40})\)\s*$/.exec(n.name);
    // "(a.k.a. …)" is read as an alias list elsewhere
    if (!m || /^[afn]\.?k\.?a\b/i.test(m[2]!.trim())) continue;
    for (const name of [m[1]!.trim(), m[2]!.trim()]) {
      if (name.length >= 2 && !seen.has(name.toLowerCase())) {
        seen.add(name.toLowerCase());
        out.push({ ...n, name, kind: "alias" });
      }
    }
  }
  return out;
}

export function partyFromCsl(r: CslRecord, file: string, record: number): ListParty {
  const id = String(r._id ?? r.id ?? r.entity_number ?? `${file}#${record}`);
  const code = sourceCode(r.source);
  const key = `${code}:${r.entity_number ? String(r.entity_number) : id}`;
  const party: ListParty = {
    key,
    id,
    source: r.source,
    sourceCode: code,
    names: withParentheticals([
      { name: r.name.trim(), kind: "primary" },
      ...r.alt_names.map((name) => ({ name, kind: "alias" })),
    ]),
    addresses: [],
    countries: [],
    ids: [],
    websites: [],
    programs: r.programs,
    origin: { file, record },
  };
  const set = (k: keyof ListParty, v: string | null | undefined) => {
    const c = clean(v);
    if (c) (party as unknown as Record<string, string>)[k] = c;
  };
  set("type", r.type);
  set("frNotice", r.federal_register_notice);
  set("startDate", r.start_date);
  set("endDate", r.end_date);
  set("licenseRequirement", r.license_requirement);
  set("licensePolicy", r.license_policy);
  set("remarks", r.remarks);
  set("sourceUrl", r.source_list_url);
  for (const a of r.addresses ?? []) {
    const parts = [a.address, a.city, a.state, a.postal_code].map(clean).filter(Boolean);
    const country = countryCode(clean(a.country));
    party.addresses.push(country ? { text: parts.join(", "), country } : { text: parts.join(", ") });
  }
  idsToParty(
    (r.ids ?? []).map((i) => ({
      type: clean(i.type) ?? "",
      value: String(i.number ?? "").trim(),
      ...(clean(i.country) ? { country: clean(i.country)! } : {}),
    })),
    party,
  );
  const countries = new Set<string>();
  for (const a of party.addresses) if (a.country) countries.add(a.country);
  for (const n of [...r.nationalities, ...r.citizenships]) {
    const c = countryCode(n);
    if (c) countries.add(c);
  }
  party.countries = [...countries].sort();
  return party;
}

/** "street, city, state, postal, CC; …" → address objects, the country code last. */
function addressesFromCsv(value: string): CslRecord["addresses"] {
  return value
    .split("; ")
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const parts = a.split(", ");
      const last = parts[parts.length - 1] ?? "";
      const country = /^[A-Z]{2}$/.test(last) ? parts.pop() : undefined;
      return { address: parts.join(", "), country };
    });
}

/** "type, number, country; …" (the type may itself end with a colon) → id objects. */
function idsFromCsv(value: string): CslRecord["ids"] {
  return value
    .split("; ")
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const parts = a.split(", ");
      const type = parts.shift() ?? "";
      const last = parts[parts.length - 1];
      const country = parts.length > 1 && last && /^[A-Z]{2}$/.test(last) ? parts.pop() : undefined;
      return { type, number: parts.join(", "), country };
    });
}

export interface ReadResult {
  parties: ListParty[];
  issues: InputIssue[];
}

export function readCslCsv(textIn: string, file: string): ReadResult {
  const parties: ListParty[] = [];
  const issues: InputIssue[] = [];
  let header: string[] | undefined;
  let record = 0;
  for (const { fields, line } of csvRecords(textIn.replace(/^\uFEFF/, ""))) {
    if (!header || fields[0] === "_id") {
      // The saved snapshot repeats its header; a repeated header is skipped, not a record.
      if (fields.includes("name") && fields.includes("source")) {
        header = fields.map((f) => f.trim());
        continue;
      }
      if (!header) header = [...CSL_COLUMNS];
    }
    record++;
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = fields[i] ?? "";
    });
    if (fields.length < header.length) {
      issues.push({
        file,
        line,
        record,
        code: "csl-short-record",
        message: `${fields.length} of ${header.length} columns (truncated file?)`,
        severity: "warning",
      });
      if (!row.name || !row.source) continue;
    }
    if (!row.name?.trim() || !row.source?.trim()) {
      issues.push({
        file,
        line,
        record,
        code: "csl-bad-record",
        message: "no name or no source",
        severity: "error",
      });
      continue;
    }
    // Every field is a string by construction, so the record is built directly: validating 20,000
    // rows with zod would cost a second on every load.
    const multi = (k: string) =>
      (row[k] ?? "")
        .split("; ")
        .map((x) => x.trim())
        .filter(Boolean);
    const rec: CslRecord = {
      ...row,
      source: row.source,
      name: row.name,
      programs: multi("programs"),
      alt_names: multi("alt_names"),
      nationalities: multi("nationalities"),
      citizenships: multi("citizenships"),
      addresses: addressesFromCsv(row.addresses ?? ""),
      ids: idsFromCsv(row.ids ?? ""),
    };
    parties.push(partyFromCsl(rec, file, record));
  }
  return { parties, issues };
}

/** The JSON is an array, `{results: […]}`, or an object with one array of records. */
export function readCslJson(textIn: string, file: string): ReadResult {
  const parties: ListParty[] = [];
  const issues: InputIssue[] = [];
  let data: unknown;
  try {
    data = JSON.parse(textIn.replace(/^\uFEFF/, ""));
  } catch (e) {
    return {
      parties,
      issues: [{ file, code: "csl-bad-json", message: (e as Error).message, severity: "error" }],
    };
  }
  const records = Array.isArray(data)
    ? data
    : data && typeof data === "object"
      ? (((data as Record<string, unknown>).results as unknown[]) ??
        Object.values(data as Record<string, unknown>).find(Array.isArray) ??
        [])
      : [];
  records.forEach((r, i) => {
    const parsed = CslRecord.safeParse(r);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      issues.push({
        file,
        record: i + 1,
        code: "csl-bad-record",
        message: `${first?.path.join(".")}: ${first?.message}`,
        severity: "error",
      });
      return;
    }
    parties.push(partyFromCsl(parsed.data, file, i + 1));
  });
  return { parties, issues };
}
