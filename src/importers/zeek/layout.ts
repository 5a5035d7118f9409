/**
 * The header of a Zeek ASCII log: `#separator \x09`, `#set_separator`, `#empty_field`,
 * `#unset_field`, `#path`, `#fields`. Columns are found by name, never by position: Zeek versions
 * and local policies add and reorder them, and concatenated rotated logs repeat the header.
 */
export interface ZeekLayout {
  separator: string;
  setSeparator: string;
  unset: string;
  empty: string;
  path: string | undefined;
  fields: string[];
  /** Zeek types of the columns (`#types`), when the header gives them. */
  types: string[];
  /** Column index by field name. */
  columns: Map<string, number>;
}

export function defaultLayout(): ZeekLayout {
  return {
    separator: "\t",
    setSeparator: ",",
    unset: "-",
    empty: "(empty)",
    path: undefined,
    fields: [],
    types: [],
    columns: new Map(),
  };
}

function unescapeHex(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Applies one `#` line to the layout; `#open`, `#close`, `#types` and comments change nothing. */
export function applyHeader(layout: ZeekLayout, line: string): void {
  if (line.startsWith("#separator ")) {
    layout.separator = unescapeHex(line.slice("#separator ".length)) || "\t";
    return;
  }
  const sep = line.indexOf(layout.separator);
  if (sep < 0) return;
  const key = line.slice(1, sep);
  const value = line.slice(sep + layout.separator.length);
  switch (key) {
    case "set_separator":
      layout.setSeparator = unescapeHex(value);
      break;
    case "empty_field":
      layout.empty = value;
      break;
    case "unset_field":
      layout.unset = value;
      break;
    case "path":
      layout.path = value;
      break;
    case "fields":
      layout.fields = value.split(layout.separator);
      layout.columns = new Map(layout.fields.map((f, i) => [f, i]));
      break;
    case "types":
      layout.types = value.split(layout.separator);
      break;
  }
}

/** What a log holds when `#path` is missing (or JSON without `_path`): told by its columns. */
export function pathFromFields(has: (name: string) => boolean): string | undefined {
  if (has("query") && has("qtype_name")) return "dns";
  if (has("fingerprint") && has("certificate.issuer")) return "x509";
  if (has("server_name") || has("cert_chain_fps") || has("cert_chain_fuids")) return "ssl";
  if (has("conn_state") || has("history")) return "conn";
  if (has("host") && (has("method") || has("uri"))) return "http";
  return undefined;
}

export function pathOf(layout: ZeekLayout): string | undefined {
  return layout.path ?? pathFromFields((n) => layout.columns.has(n));
}
