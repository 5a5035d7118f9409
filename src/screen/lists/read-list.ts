/**
 * Reading list files given by path or from the cache: the format is recognised from the content
 * (CSL JSON, CSL CSV, SDN sdn/alt/add CSV), never from the name, through a small table of sniffers.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { InputIssue } from "../../model/issue.js";
import { CSL_COLUMNS, type ReadResult, readCslCsv, readCslJson } from "./csl.js";
import type { ListParty } from "./party.js";
import { attachSdnExtras, readSdn, sdnFileKind } from "./sdn.js";

export type ListFormat = "csl-json" | "csl-csv" | "sdn" | "sdn-alt" | "sdn-add";

const SNIFFERS: { format: ListFormat; test: (head: string) => boolean }[] = [
  { format: "csl-json", test: (h) => /^\s*[[{]/.test(h) },
  {
    format: "csl-csv",
    test: (h) => {
      const first = h.split(/\r?\n/, 1)[0] ?? "";
      return CSL_COLUMNS.filter((c) => first.includes(c)).length >= 5;
    },
  },
  { format: "sdn", test: (h) => sdnFileKind(h) === "sdn" },
  { format: "sdn-alt", test: (h) => sdnFileKind(h) === "alt" },
  { format: "sdn-add", test: (h) => sdnFileKind(h) === "add" },
];

export function sniffListFormat(head: string): ListFormat | undefined {
  const h = head.replace(/^\uFEFF/, "");
  return SNIFFERS.find((s) => s.test(h))?.format;
}

/** UTF-8 unless the bytes are not valid UTF-8 (OFAC's files are ASCII, older copies Latin-1). */
export function decodeListBytes(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

export interface ListFileInfo {
  path: string;
  format: ListFormat;
  sha256: string;
  bytes: number;
  records: number;
  /** Records per source code, for the shrink guard and `lists status`. */
  bySource: Record<string, number>;
}

export interface ListSnapshot {
  parties: ListParty[];
  files: ListFileInfo[];
  issues: InputIssue[];
}

const READERS: Record<"csl-json" | "csl-csv" | "sdn", (text: string, file: string) => ReadResult> = {
  "csl-json": readCslJson,
  "csl-csv": readCslCsv,
  sdn: readSdn,
};

function countBySource(parties: ListParty[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parties) out[p.sourceCode] = (out[p.sourceCode] ?? 0) + 1;
  return out;
}

/** Adds a party, or merges its names and addresses into the one already read under the same key. */
function addParty(byKey: Map<string, ListParty>, p: ListParty): void {
  const have = byKey.get(p.key);
  if (!have) {
    byKey.set(p.key, p);
    return;
  }
  for (const n of p.names) if (!have.names.some((m) => m.name === n.name)) have.names.push(n);
  for (const a of p.addresses) if (!have.addresses.some((b) => b.text === a.text)) have.addresses.push(a);
  for (const w of p.websites) if (!have.websites.includes(w)) have.websites.push(w);
  for (const c of p.countries) if (!have.countries.includes(c)) have.countries.push(c);
}

/**
 * Reads list files into one snapshot. SDN alt/add files attach to the sdn.csv read alongside; the
 * CSL's SDN rows and the SDN file's rows share keys (OFAC entity numbers) and merge.
 */
export function readListFiles(paths: string[]): ListSnapshot {
  const byKey = new Map<string, ListParty>();
  const files: ListFileInfo[] = [];
  const issues: InputIssue[] = [];
  const extras: { path: string; kind: "alt" | "add"; text: string; info: ListFileInfo }[] = [];
  for (const path of paths) {
    const bytes = readFileSync(path);
    const text = decodeListBytes(bytes);
    const format = sniffListFormat(text.slice(0, 64 * 1024));
    const info: ListFileInfo = {
      path,
      format: format ?? "csl-csv",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      records: 0,
      bySource: {},
    };
    if (!format) {
      issues.push({
        file: path,
        code: "list-unknown-format",
        message: "not a CSL (JSON or CSV) or OFAC SDN CSV file",
        severity: "error",
      });
      continue;
    }
    files.push(info);
    if (format === "sdn-alt" || format === "sdn-add") {
      extras.push({ path, kind: format === "sdn-alt" ? "alt" : "add", text, info });
      continue;
    }
    const r = READERS[format](text, path);
    info.records = r.parties.length;
    info.bySource = countBySource(r.parties);
    issues.push(...r.issues);
    for (const p of r.parties) addParty(byKey, p);
  }
  for (const e of extras) {
    const before = issues.length;
    issues.push(...attachSdnExtras(e.kind, e.text, e.path, byKey));
    e.info.records = e.text.split(/\r?\n/).filter((l) => l.trim() && l.trim() !== "\u001a").length;
    e.info.bySource = { SDN: e.info.records - (issues.length - before) };
  }
  return { parties: [...byKey.values()], files, issues };
}
