/** What the report route offered when the dashboard was written; the OpenAPI document has the final word. */
export const KNOWN_REPORT_FORMATS = ["table", "json", "csv", "sarif", "md", "html"];

const REPORT_PATH = "/api/v1/reports/{format}";

/**
 * The report formats the server offers, read from its OpenAPI document (the `format` path
 * parameter's enum), so a format added to the server shows up here without a new dashboard.
 */
export function reportFormats(doc: unknown): string[] {
  const params = (doc as { paths?: Record<string, { get?: { parameters?: unknown } }> } | null)?.paths?.[
    REPORT_PATH
  ]?.get?.parameters;
  if (!Array.isArray(params)) return KNOWN_REPORT_FORMATS;
  const format = params.find(
    (p): p is { schema?: { enum?: unknown } } =>
      typeof p === "object" && p !== null && (p as { name?: unknown }).name === "format",
  );
  const values = format?.schema?.enum;
  if (!Array.isArray(values)) return KNOWN_REPORT_FORMATS;
  const ids = values.filter((v): v is string => typeof v === "string" && /^[a-z0-9-]{1,20}$/.test(v));
  return ids.length > 0 ? ids : KNOWN_REPORT_FORMATS;
}

export const FORMAT_TITLE: Record<string, string> = {
  table: "Text table",
  json: "JSON (the report document)",
  csv: "CSV (one row per finding)",
  sarif: "SARIF 2.1.0 (code-scanning, SIEM)",
  md: "Markdown",
  html: "HTML (self-contained, printable)",
};
