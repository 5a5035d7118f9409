/** Text from inputs (host and program names) is hostile: these make it inert in each output. */

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Markdown table cell: HTML-escaped (renderers pass inline HTML through), pipes and markup neutralised. */
export function escapeMd(value: string | number | null | undefined): string {
  return escapeHtml(value)
    .replace(/\\/g, "\\\\")
    .replace(/([|*_`[\]#~])/g, "\\$1")
    .replace(/\r?\n|\r/g, " ");
}
