/**
 * Cells that a spreadsheet would run as a formula are prefixed with a quote: anything starting with
 * = + - @, tab or carriage return. Used by every CSV this tool writes.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  const s = neutraliseCell(value === null || value === undefined ? "" : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
