import { basename } from "node:path";
import type { FieldName, HostRef, ObservationFields } from "../../model/observation.js";
import { detectSeparator, openQuote, splitCsvLine } from "../shared/csv.js";
import type { ImportContext } from "../types.js";
import { COLUMN_ALIASES, foldHeader, platformFrom, presetName, type Target } from "./columns.js";

const FIELD_TARGETS = new Set<string>([
  "name",
  "publisher",
  "version",
  "path",
  "service",
  "driver",
  "process",
  "registry",
  "productCode",
  "bundleId",
  "package",
  "extensionId",
  "certificate",
  "cpe",
  "purl",
  "text",
  "installDate",
]);

export interface Layout {
  sep: string;
  columns: number;
  preset: string;
  /** column index → target, for mapped columns only */
  targets: [number, Target][];
  hostColumns: number[];
}

export function layoutFor(headerLine: string, map: Record<string, string> = {}): Layout {
  const sep = detectSeparator(headerLine);
  const captions = splitCsvLine(headerLine, sep);
  const folded = captions.map(foldHeader);
  const userMap = new Map(Object.entries(map).map(([k, v]) => [foldHeader(k), v as Target]));
  const targets: [number, Target][] = [];
  const taken = new Set<Target>();
  folded.forEach((f, i) => {
    const target = userMap.get(f) ?? COLUMN_ALIASES[f];
    // the first column wins a target: "Name" before "ProductName" keeps the display name
    if (target && !taken.has(target)) {
      targets.push([i, target]);
      taken.add(target);
    }
  });
  const hostColumns = targets.filter(([, t]) => t === "host" || t === "ip" || t === "hostId").map(([i]) => i);
  return { sep, columns: captions.length, preset: presetName(new Set(folded)), targets, hostColumns };
}

export function firstDataLine(lines: string[]): number {
  let i = 0;
  while (i < lines.length && (lines[i]!.trim() === "" || lines[i]!.startsWith("#TYPE"))) i++;
  return i;
}

/** A CSV whose header names a software column (or the user mapped one) is an inventory. */
export function sniffCsv(head: string): number {
  const lines = head.split(/\r\n|\n|\r/);
  const header = lines[firstDataLine(lines)];
  if (!header || header.startsWith("{") || header.startsWith("[") || header.startsWith("<")) return 0;
  const layout = layoutFor(header);
  if (layout.columns < 2) return 0;
  const has = (t: Target) => layout.targets.some(([, x]) => x === t);
  if (!has("name")) return 0;
  return has("publisher") || has("host") || layout.preset !== "generic" ? 0.6 : 0.3;
}

export async function parseCsvInventory(ctx: ImportContext): Promise<void> {
  const { input, sink, options, file } = ctx;
  let layout: Layout | undefined;
  let pending = "";
  let pendingLine = 0;
  const defaultHost = options.host ?? basename(file).replace(/\.(csv|txt|tsv)(\.gz)?$/i, "");
  const prefilter = sink.prefilter;

  const hostOf = (cells: string[]): HostRef => {
    const ref: HostRef = {};
    for (const [i, t] of layout!.targets) {
      const v = cells[i]?.trim();
      if (!v) continue;
      if (t === "host") ref.name = v;
      else if (t === "ip") ref.ip = v;
      else if (t === "hostId") ref.id = v;
    }
    if (!ref.name && !ref.ip && !ref.id) {
      if (layout!.preset === "intune-detected-apps-aggregate")
        return { name: "intune-tenant (aggregate)", kind: "asset" };
      ref.name = defaultHost;
    }
    return ref;
  };

  const handle = (record: string, line: number) => {
    sink.record();
    const L = layout!;
    if (!prefilter.test(record)) {
      // nothing here can match: only the host's identity is read
      const limit = L.hostColumns.length > 0 ? Math.max(...L.hostColumns) + 1 : 0;
      sink.seen(hostOf(limit > 0 ? splitCsvLine(record, L.sep, limit) : []));
      return;
    }
    const cells = splitCsvLine(record, L.sep);
    if (cells.length < L.columns && !(cells.length === 1 && cells[0] === "")) {
      sink.issue({
        line,
        code: "csv-short-row",
        message: `expected ${L.columns} fields, found ${cells.length}`,
      });
      return;
    }
    const fields: ObservationFields = {};
    let platform: string | undefined;
    let count: string | undefined;
    for (const [i, t] of L.targets) {
      const v = cells[i]?.trim();
      if (!v || v === "NULL") continue;
      if (FIELD_TARGETS.has(t)) fields[t as FieldName] = v;
      else if (t === "platform" || t === "os") platform ??= v;
      else if (t === "count") count = v;
    }
    const host = hostOf(cells);
    const p = platformFrom(platform, L.preset);
    if (p) host.platform = p;
    sink.observe({
      host,
      kind: "software",
      fields,
      origin: {
        format: "csv-inventory",
        file,
        line,
        locator: count ? `${L.preset}; devices: ${count}` : L.preset,
      },
    });
  };

  for await (const batch of input.lines()) {
    for (let k = 0; k < batch.lines.length; k++) {
      const text = batch.lines[k]!;
      const lineNo = batch.first + k;
      if (!layout) {
        if (text.trim() === "" || text.startsWith("#TYPE")) continue;
        layout = layoutFor(text, options.map);
        if (!layout.targets.some(([, t]) => t === "name")) {
          sink.issue({
            line: lineNo,
            code: "csv-no-name-column",
            message: "no software name column; use --map COLUMN=name",
          });
          return;
        }
        continue;
      }
      if (pending) {
        pending += `\n${text}`;
        if (openQuote(pending)) continue;
        handle(pending, pendingLine);
        pending = "";
        continue;
      }
      if (text === "") continue;
      if (text.includes('"') && openQuote(text)) {
        pending = text;
        pendingLine = lineNo;
        continue;
      }
      handle(text, lineNo);
    }
  }
  if (pending) {
    sink.record();
    sink.issue({
      line: pendingLine,
      code: "csv-unterminated-quote",
      message: "a quoted field is never closed",
    });
  }
}
