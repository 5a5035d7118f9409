/** The screening report: one row per input row with its own fields, the result and explanations. */
import type { InputIssue } from "../model/issue.js";
import { TOOL_VERSION } from "../version.js";
import { type Band, THRESHOLDS } from "./bands.js";
import { basisOf, explainFamily, explainHit } from "./explain.js";
import type { LoadedLists } from "./lists/load-lists.js";
import type { ScreenResult } from "./screener.js";

export interface ScreenedRow {
  file: string;
  record: number;
  line?: number;
  fields: Record<string, string>;
  name: string;
  result: ScreenResult;
}

export interface ReportHit {
  band: Band;
  score: number;
  sourceCode: string;
  source: string;
  party: string;
  listName: string;
  listNameKind: string;
  basis: string;
  explanation: string;
}

export interface ReportRow {
  file: string;
  record: number;
  line?: number;
  name: string;
  band: Band;
  score: number;
  fields: Record<string, string>;
  hits: ReportHit[];
  family?: string;
  stripped: string[];
  detail: ScreenResult;
}

export interface ScreenReport {
  tool: { name: "offramp"; version: string };
  thresholds: { match: number; review: number };
  lists: {
    parties: number;
    files: { path: string; format: string; sha256: string; records: number }[];
    cache?: {
      updatedAt: string;
      sources: { id: string; url: string; sha256: string; fetchedAt: string; records: number }[];
    };
  };
  inputs: { file: string; sha256: string; rows: number; nameColumn: string }[];
  summary: Record<Band, number>;
  rows: ReportRow[];
  issues: InputIssue[];
}

export function reportRow(r: ScreenedRow): ReportRow {
  const row: ReportRow = {
    file: r.file,
    record: r.record,
    name: r.name,
    band: r.result.band,
    score: r.result.score,
    fields: r.fields,
    hits: r.result.hits.map((h) => ({
      band: h.band,
      score: h.score,
      sourceCode: h.party.sourceCode,
      source: h.party.source,
      party: h.party.name,
      listName: h.listName,
      listNameKind: h.listNameKind,
      basis: basisOf(h),
      explanation: explainHit(h),
    })),
    stripped: r.result.removed,
    detail: r.result,
  };
  if (r.line !== undefined) row.line = r.line;
  if (r.result.family) row.family = explainFamily(r.result.family);
  return row;
}

export function buildReport(
  lists: LoadedLists,
  inputs: ScreenReport["inputs"],
  rows: ScreenedRow[],
  issues: InputIssue[],
): ScreenReport {
  const summary: Record<Band, number> = { match: 0, review: 0, none: 0 };
  for (const r of rows) summary[r.result.band]++;
  const report: ScreenReport = {
    tool: { name: "offramp", version: TOOL_VERSION },
    thresholds: { ...THRESHOLDS },
    lists: {
      parties: lists.parties.length,
      files: lists.files.map((f) => ({
        path: f.path,
        format: f.format,
        sha256: f.sha256,
        records: f.records,
      })),
    },
    inputs,
    summary,
    rows: rows.map(reportRow),
    issues: [...lists.issues, ...issues],
  };
  if (lists.manifest) {
    report.lists.cache = {
      updatedAt: lists.manifest.updatedAt,
      sources: lists.manifest.sources.map((s) => ({
        id: s.id,
        url: s.url,
        sha256: s.sha256,
        fetchedAt: s.fetchedAt,
        records: s.records,
      })),
    };
  }
  return report;
}
