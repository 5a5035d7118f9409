import { overallStatus } from "../../assess/severity.js";
import { byText } from "../../match/order.js";
import type { AssessmentStatus } from "../../model/finding.js";
import type { ReportDocument } from "../../model/report.js";

const LEVEL: Record<AssessmentStatus, "error" | "warning" | "note"> = {
  prohibited: "error",
  "must-remove": "error",
  "winding-down": "warning",
  unsupported: "warning",
  "advised-removal": "warning",
  exempt: "note",
  "not-covered": "note",
};

/** Relative paths stay relative (SARIF uriBaseId), absolute ones become file: URIs. */
function uri(file: string): string {
  if (file.startsWith("/")) return `file://${encodeURI(file)}`;
  return encodeURI(file.replace(/\\/g, "/"));
}

/** SARIF 2.1.0: one rule per catalogue product found, one result per finding, inputs as artifacts with SHA-256. */
export function renderSarif(report: ReportDocument): string {
  const products = [...new Map(report.findings.map((f) => [f.product, f])).values()].sort((a, b) =>
    byText(a.product, b.product),
  );
  const ruleIndex = new Map(products.map((f, i) => [f.product, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "offramp",
            version: report.tool.version,
            properties: { catalog: report.catalog, asOf: report.asOf, profile: report.profile },
            rules: products.map((f) => ({
              id: f.product,
              name: f.product,
              shortDescription: { text: `${f.productName} present` },
              fullDescription: {
                text: `${f.productName} (${f.kind}, scope ${f.scope}) from the offramp catalogue.`,
              },
              properties: { vendor: f.vendor, scope: f.scope, kind: f.kind },
            })),
          },
        },
        artifacts: report.inputs.map((i) => ({
          location: { uri: uri(i.file) },
          length: i.bytes,
          hashes: { "sha-256": i.digest },
          properties: { format: i.format, records: i.records, issues: i.issues },
        })),
        results: report.findings.map((f) => {
          const status = overallStatus(f.assessments);
          const top = f.assessments[0];
          return {
            ruleId: f.product,
            ruleIndex: ruleIndex.get(f.product),
            level: status ? LEVEL[status] : "note",
            message: {
              text: `${f.productName} on ${f.host} (${f.class}, ${f.confidence})${status ? `: ${status}` : ""}${top ? `. ${top.obligation} [${top.citation}]` : ""}`,
            },
            locations: f.evidence.slice(0, 20).map((e) => ({
              physicalLocation: {
                artifactLocation: { uri: uri(e.file) },
                ...(e.line && { region: { startLine: e.line } }),
              },
              logicalLocations: [{ name: f.host, kind: "host" }],
              message: { text: `${e.field} "${e.value}" matched ${e.signature}` },
            })),
            partialFingerprints: { offrampFinding: f.id },
            properties: {
              host: f.host,
              class: f.class,
              confidence: f.confidence,
              basis: f.basis,
              firstSeen: f.firstSeen,
              lastSeen: f.lastSeen,
              assessments: f.assessments,
              ...(f.updateAfterCutoff !== undefined && { updateAfterCutoff: f.updateAfterCutoff }),
            },
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
