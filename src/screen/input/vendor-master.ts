/**
 * Vendor masters as procurement systems export them (CSV with any common separator, or JSON): the
 * name column is recognised from its header (or given), and country, address, website and
 * identifier columns are picked up when present. Every row keeps all its own fields.
 */

import { TextInput } from "../../importers/input/text-input.js";
import { detectSeparator } from "../../importers/shared/csv.js";
import type { InputIssue } from "../../model/issue.js";
import { csvRecords } from "../lists/csv-text.js";

export interface VendorRow {
  record: number;
  line?: number;
  fields: Record<string, string>;
  name: string;
  country?: string;
  address?: string;
  websites: string[];
  ids: string[];
}

export interface VendorColumns {
  name: string;
  country?: string;
  address: string[];
  website: string[];
  ids: string[];
}

export interface VendorFile {
  file: string;
  sha256: string;
  headers: string[];
  columns: VendorColumns;
  rows: VendorRow[];
  issues: InputIssue[];
}

export interface ColumnOptions {
  nameColumn?: string;
  countryColumn?: string;
  addressColumn?: string;
}

export const fold = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Header captions by role, most specific first (SAP LFA1 names included: NAME1, LAND1, STRAS, ORT01). */
const NAME_HEADERS = [
  "vendorname",
  "suppliername",
  "companyname",
  "legalname",
  "registeredname",
  "businessname",
  "entityname",
  "partyname",
  "organisationname",
  "organizationname",
  "payeename",
  "publisher",
  "manufacturer",
  "name1",
  "name",
  "vendor",
  "supplier",
  "company",
  "organisation",
  "organization",
  "payee",
  "beneficiary",
  "party",
];
const COUNTRY_HEADERS = [
  "countrycode",
  "country",
  "land1",
  "ctry",
  "countryregion",
  "countryname",
  "nation",
  "iso2",
];
const ADDRESS_HEADERS = [
  "address",
  "fulladdress",
  "street",
  "streetaddress",
  "addressline1",
  "address1",
  "stras",
  "city",
  "ort01",
  "town",
];
const WEBSITE_HEADERS = ["website", "web", "url", "homepage", "domain", "email", "emailaddress", "smtpaddr"];
const ID_HEADERS = [
  "taxid",
  "vat",
  "vatnumber",
  "vatid",
  "vatregno",
  "duns",
  "dunsnumber",
  "lei",
  "inn",
  "ogrn",
  "registrationnumber",
  "companynumber",
  "regno",
  "ein",
  "stcd1",
  "stceg",
];

function pick(headers: string[], wanted: string[]): string | undefined {
  const byFold = new Map(headers.map((h) => [fold(h), h]));
  for (const w of wanted) {
    const h = byFold.get(w);
    if (h !== undefined) return h;
  }
  return undefined;
}

function pickAll(headers: string[], wanted: string[]): string[] {
  return headers.filter((h) => wanted.includes(fold(h)));
}

export class VendorInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "VendorInputError";
  }
}

export function detectColumns(headers: string[], file: string, options: ColumnOptions = {}): VendorColumns {
  const explicit = (flag: string | undefined, what: string) => {
    if (flag === undefined) return undefined;
    const h = headers.find((x) => x === flag) ?? headers.find((x) => fold(x) === fold(flag));
    if (h === undefined)
      throw new VendorInputError(file, `no ${what} column "${flag}" (columns: ${headers.join(", ")})`);
    return h;
  };
  const name = explicit(options.nameColumn, "name") ?? pick(headers, NAME_HEADERS);
  if (name === undefined) {
    throw new VendorInputError(
      file,
      `no name column recognised (columns: ${headers.join(", ")}); use --name-column`,
    );
  }
  const columns: VendorColumns = {
    name,
    address: options.addressColumn
      ? [explicit(options.addressColumn, "address")!]
      : pickAll(headers, ADDRESS_HEADERS),
    website: pickAll(headers, WEBSITE_HEADERS),
    ids: pickAll(headers, ID_HEADERS),
  };
  const country = explicit(options.countryColumn, "country") ?? pick(headers, COUNTRY_HEADERS);
  if (country !== undefined) columns.country = country;
  return columns;
}

function websiteOf(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const at = v.lastIndexOf("@");
  return at >= 0 ? v.slice(at + 1) : v;
}

function rowFrom(
  fields: Record<string, string>,
  columns: VendorColumns,
  record: number,
  line?: number,
): VendorRow {
  const row: VendorRow = { record, fields, name: (fields[columns.name] ?? "").trim(), websites: [], ids: [] };
  if (line !== undefined) row.line = line;
  const country = columns.country ? fields[columns.country]?.trim() : undefined;
  if (country) row.country = country;
  const address = columns.address
    .map((c) => fields[c]?.trim())
    .filter(Boolean)
    .join(", ");
  if (address) row.address = address;
  for (const c of columns.website) {
    const w = websiteOf(fields[c] ?? "");
    if (w) row.websites.push(w);
  }
  for (const c of columns.ids) {
    const v = fields[c]?.trim();
    if (v) row.ids.push(v);
  }
  return row;
}

function jsonRecords(text: string): Record<string, unknown>[] {
  const t = text.trim();
  if (t.startsWith("[")) return JSON.parse(t) as Record<string, unknown>[];
  if (t.startsWith("{")) {
    try {
      const obj = JSON.parse(t) as Record<string, unknown>;
      const arr =
        ["vendors", "suppliers", "parties", "data", "items", "records", "rows", "results"]
          .map((k) => obj[k])
          .find(Array.isArray) ?? Object.values(obj).find(Array.isArray);
      return (arr as Record<string, unknown>[] | undefined) ?? [obj];
    } catch {
      // JSON lines: one object per line.
      return t
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    }
  }
  throw new Error("not JSON");
}

function stringFields(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) out[k] = "";
    else if (typeof v === "object") continue;
    else out[k] = String(v);
  }
  return out;
}

export async function readVendorMaster(
  path: string,
  options: ColumnOptions = {},
  name = path,
): Promise<VendorFile> {
  const input = path === "-" ? TextInput.fromStream("stdin", process.stdin) : TextInput.fromFile(path, name);
  const text = (await input.text()).replace(/^\uFEFF/, "");
  const issues: InputIssue[] = [];
  const firstChar = text.trimStart()[0];
  if (firstChar === "[" || firstChar === "{") {
    let records: Record<string, unknown>[];
    try {
      records = jsonRecords(text);
    } catch (e) {
      throw new VendorInputError(name, `not valid JSON: ${(e as Error).message}`);
    }
    const objects = records.filter((r) => r && typeof r === "object" && !Array.isArray(r));
    const headers = [...new Set(objects.flatMap((r) => Object.keys(stringFields(r))))];
    const columns = detectColumns(headers, name, options);
    const rows: VendorRow[] = [];
    records.forEach((r, i) => {
      if (!r || typeof r !== "object" || Array.isArray(r)) {
        issues.push({
          file: name,
          record: i + 1,
          code: "vendor-not-an-object",
          message: "record is not an object",
          severity: "error",
        });
        return;
      }
      const row = rowFrom(stringFields(r), columns, i + 1);
      if (!row.name)
        issues.push({
          file: name,
          record: i + 1,
          code: "vendor-no-name",
          message: `empty ${columns.name}`,
          severity: "warning",
        });
      rows.push(row);
    });
    return { file: name, sha256: input.digest, headers, columns, rows, issues };
  }
  const headerLine = text.split(/\r?\n/, 1)[0] ?? "";
  const sep = detectSeparator(headerLine);
  const records = csvRecords(text, sep);
  const first = records.next();
  if (first.done) throw new VendorInputError(name, "empty file");
  const head = first.value;
  const headers = head.fields.map((h) => h.trim());
  const columns = detectColumns(headers, name, options);
  const rows: VendorRow[] = [];
  let record = 0;
  for (const { fields, line } of records) {
    record++;
    if (fields.length !== headers.length) {
      issues.push({
        file: name,
        line,
        record,
        code: "vendor-column-count",
        message: `${fields.length} fields, header has ${headers.length}`,
        severity: "warning",
      });
    }
    const obj: Record<string, string> = {};
    headers.forEach((h, i) => {
      obj[h] = fields[i] ?? "";
    });
    const row = rowFrom(obj, columns, record, line);
    if (!row.name)
      issues.push({
        file: name,
        line,
        record,
        code: "vendor-no-name",
        message: `empty ${columns.name}`,
        severity: "warning",
      });
    rows.push(row);
  }
  return { file: name, sha256: input.digest, headers, columns, rows, issues };
}
