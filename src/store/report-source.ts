import type { SuppressedEntry } from "../match/findings.js";
import { byText } from "../match/order.js";
import type { InputIssue } from "../model/issue.js";
import type { HostSummary, InputSummary } from "../model/report.js";
import type { ScanResult } from "../scan/run.js";
import type { Db } from "./db.js";
import { Findings } from "./findings-query.js";

/** Evidence rows per finding in a report built from the workspace (the API serves the rest). */
export const REPORT_EVIDENCE_LIMIT = 50;

/**
 * The workspace as one scan result, so the report module renders it like any scan: every input
 * ever ingested, every host, every finding with its newest evidence.
 */
export async function scanResultFromStore(db: Db): Promise<ScanResult> {
  const inputs = await db.query<
    InputSummary & { issue_list: InputIssue[]; suppressed_list: SuppressedEntry[] }
  >(
    `SELECT file, format, digest, bytes, encoding, records, issue_count AS issues, issues AS issue_list,
       suppressed AS suppressed_list
     FROM inputs ORDER BY file, id`,
  );
  const hosts = await db.query<HostSummary>(
    `SELECT key AS id, kind, names, ips, device_ids AS ids, platforms, sources, seen_in AS "seenIn", records,
       finding_count AS findings
     FROM hosts ORDER BY key`,
  );
  const findings: ScanResult["findings"] = [];
  const store = new Findings(db);
  for (let cursor: string | undefined, more = true; more; ) {
    const page = await store.list({
      limit: 2000,
      evidence: REPORT_EVIDENCE_LIMIT,
      ...(cursor && { cursor }),
    });
    for (const f of page.items) {
      const { firstObserved: _a, lastObserved: _b, evidenceTotal: _c, ...finding } = f;
      findings.push(finding);
    }
    cursor = page.next ?? undefined;
    more = page.next !== null;
  }
  findings.sort((a, b) => byText(a.host, b.host) || byText(a.product, b.product) || byText(a.class, b.class));
  return {
    inputs: inputs.map(({ issue_list: _i, suppressed_list: _s, ...summary }) => summary),
    hosts,
    findings,
    suppressed: inputs.flatMap((i) => i.suppressed_list),
    issues: inputs.flatMap((i) => i.issue_list),
  };
}
