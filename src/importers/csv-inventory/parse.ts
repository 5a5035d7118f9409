import { basename } from "node:path";
import {
  FIELD_NAMES,
  type FieldName,
  type HostRef,
  type ObservationFields,
  type Platform,
} from "../../model/observation.js";
import { detectSeparator, openQuote, splitCsvLine } from "../shared/csv.js";
import { Interner } from "../shared/interner.js";
import type { ImportContext } from "../types.js";
import { COLUMN_ALIASES, foldHeader, platformFrom, presetName, type Target } from "./columns.js";

/** Every observation field is a valid CSV target; the rest of the targets describe the host. */
const FIELD_TARGETS: ReadonlySet<string> = new Set<string>(FIELD_NAMES);

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
  // columns the host's identity and platform need; read for every row, even one that cannot match
  let identityLimit = 0;
  let presetPlatform: Platform | undefined;
  // the usual shape: identity is the first column alone, so a row's host is the text before the separator
  let hostFirstOnly = false;
  let lastName = "";
  let publisherIndex = -1;
  const publishers = new Interner();
  let sepCode = 44;

  const hostOf = (cells: string[]): HostRef => {
    const L = layout!;
    const ref: HostRef = {};
    let platform: string | undefined;
    for (const [i, t] of L.targets) {
      const v = cells[i]?.trim();
      if (!v) continue;
      if (t === "host") ref.name = v;
      else if (t === "ip") ref.ip = v;
      else if (t === "hostId") ref.id = v;
      else if (t === "platform" || t === "os") platform ??= v;
    }
    if (!ref.name && !ref.ip && !ref.id) {
      if (L.preset === "intune-detected-apps-aggregate")
        return { name: "intune-tenant (aggregate)", kind: "asset" };
      ref.name = defaultHost;
    }
    const p = platform ? platformFrom(platform, L.preset) : presetPlatform;
    if (p) ref.platform = p;
    return ref;
  };

  const observe = (record: string, line: number) => {
    const L = layout!;
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
    let count: string | undefined;
    for (const [i, t] of L.targets) {
      const v = cells[i]?.trim();
      if (!v || v === "NULL") continue;
      if (FIELD_TARGETS.has(t)) fields[t as FieldName] = v;
      else if (t === "count") count = v;
    }
    sink.observe({
      host: hostOf(cells),
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

  /** A record that cannot match any rule: only the host's identity (and the publisher, for screening) is read. */
  const seen = (record: string) => {
    const limit = Math.max(identityLimit, publisherIndex + 1);
    const cells = limit > 0 ? splitCsvLine(record, layout!.sep, limit) : [];
    const publisher = publisherIndex >= 0 ? cells[publisherIndex]?.trim() : undefined;
    sink.seen(hostOf(cells), publisher || undefined);
  };

  /** `mayMatch` false: the automaton already found no needle in this (single-line) record. */
  const handle = (record: string, line: number, mayMatch = true) => {
    sink.record();
    if (mayMatch && prefilter.test(record)) observe(record, line);
    else seen(record);
  };

  const startLayout = (text: string, lineNo: number): boolean => {
    layout = layoutFor(text, options.map);
    if (!layout.targets.some(([, t]) => t === "name")) {
      sink.issue({
        line: lineNo,
        code: "csv-no-name-column",
        message: "no software name column; use --map COLUMN=name",
      });
      return false;
    }
    const identity = layout.targets.filter(([, t]) => ["host", "ip", "hostId", "platform", "os"].includes(t));
    identityLimit = identity.length > 0 ? Math.max(...identity.map(([i]) => i)) + 1 : 0;
    hostFirstOnly =
      identity.length === 1 && identity[0]![0] === 0 && identity[0]![1] === "host" && !!sink.seenName;
    presetPlatform = platformFrom(undefined, layout.preset);
    sepCode = layout.sep.charCodeAt(0);
    publisherIndex = layout.targets.find(([, t]) => t === "publisher")?.[0] ?? -1;
    return true;
  };

  // Lines are walked inside each block; a line becomes a string of its own only when it may match
  // (the pre-filter automaton runs once over the block), holds a quote, or opens the file. UTF-8
  // input is walked as bytes: a row that cannot match is never decoded.
  let lineNo = 1;

  /** A line that needs the general path; false when the file turns out not to be an inventory. */
  const slowLine = (line: string, quoted: boolean, candidate: boolean): boolean => {
    if (!layout) {
      if (line.trim() !== "" && !line.startsWith("#TYPE") && !startLayout(line, lineNo)) return false;
    } else if (pending) {
      pending += `\n${line}`;
      if (!openQuote(pending)) {
        handle(pending, pendingLine);
        pending = "";
      }
    } else if (line.startsWith("#TYPE") || line === "") {
      // PowerShell type line or blank: not a record
    } else if (quoted && openQuote(line)) {
      pending = line;
      pendingLine = lineNo;
    } else {
      handle(line, lineNo, candidate);
    }
    return true;
  };

  const walk = (text: string): boolean => {
    const end = text.length;
    const candidates = sink.needles
      ? sink.needles.candidates(text, 0, end)
      : regexCandidates(text, 0, end, prefilter);
    let ci = 0;
    let nextQuote = text.indexOf('"');
    let pos = 0;
    let records = 0;
    while (pos < end) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) nl = end;
      const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      while (ci < candidates.length && candidates[ci]! < pos) ci++;
      const candidate = ci < candidates.length && candidates[ci]! < nl;
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      const quoted = nextQuote >= 0 && nextQuote < nl;
      if (!layout || pending || quoted || candidate || text.charCodeAt(pos) === 35 /* # */) {
        if (!slowLine(text.slice(pos, lineEnd), quoted, candidate)) return false;
      } else if (lineEnd > pos) {
        records++;
        const at = publisherIndex > 0 ? cellAt(text, pos, lineEnd, sepCode, publisherIndex) : undefined;
        const publisher = at && publishers.get(text, at[0], at[1]);
        // exports are usually grouped by host: the same name as the row before costs no new string
        if (
          hostFirstOnly &&
          lastName !== "" &&
          text.charCodeAt(pos + lastName.length) === sepCode &&
          text.startsWith(lastName, pos)
        ) {
          sink.seenName!(lastName, presetPlatform, publisher);
        } else {
          const sep = hostFirstOnly ? text.indexOf(layout.sep, pos) : -1;
          if (sep > pos && sep < lineEnd) {
            const name = text.slice(pos, sep);
            lastName = name;
            // names with surrounding blanks are rare; the general path trims them
            if (name.charCodeAt(0) > 32 && name.charCodeAt(name.length - 1) > 32)
              sink.seenName!(name, presetPlatform, publisher);
            else seen(text.slice(pos, lineEnd));
          } else seen(text.slice(pos, lineEnd));
        }
      }
      pos = nl + 1;
      lineNo++;
    }
    if (records > 0) sink.record(records);
    return true;
  };

  let lastHost: Buffer = Buffer.alloc(0);
  let lastHostName = "";
  const walkBytes = (buf: Buffer): boolean => {
    const end = buf.length;
    const needles = sink.needles;
    if (!needles) return walk(buf.toString("utf8"));
    let nextQuote = buf.indexOf(34);
    let pos = 0;
    let records = 0;
    while (pos < end) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) nl = end;
      const lineEnd = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = buf.indexOf(34, pos);
      const quoted = nextQuote >= 0 && nextQuote < nl;
      // the host column is never matched: with the host first, the pre-filter starts after it
      const sep = layout && hostFirstOnly ? buf.indexOf(sepCode, pos) : -1;
      const hostEnd = sep > pos && sep < lineEnd ? sep : -1;
      const candidate = needles.firstInBytes(buf, hostEnd >= 0 ? hostEnd : pos, lineEnd) >= 0;
      if (!layout || pending || quoted || candidate || buf[pos] === 35 /* # */) {
        if (!slowLine(buf.toString("utf8", pos, lineEnd), quoted, candidate)) return false;
      } else if (lineEnd > pos) {
        records++;
        const publisher =
          publisherIndex > 0 && cellAtBytes(buf, pos, lineEnd, sepCode, publisherIndex)
            ? publishers.getBytes(buf, cell.from, cell.to)
            : undefined;
        const n = lastHost.length;
        if (hostEnd === pos + n && n > 0 && sameBytes(buf, pos, lastHost)) {
          sink.seenName!(lastHostName, presetPlatform, publisher);
        } else if (hostEnd > pos && buf[pos]! > 32 && buf[hostEnd - 1]! > 32) {
          lastHost = Buffer.from(buf.subarray(pos, hostEnd));
          lastHostName = lastHost.toString("utf8");
          sink.seenName!(lastHostName, presetPlatform, publisher);
        } else seen(buf.toString("utf8", pos, lineEnd));
      }
      pos = nl + 1;
      lineNo++;
    }
    if (records > 0) sink.record(records);
    return true;
  };

  for await (const block of input.blocks()) {
    if (!(block.bytes ? walkBytes(block.bytes) : walk(block.text))) return;
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

/** Lines that may match when the sink offers no automaton: the pre-filter regex, once per line hit. */
function regexCandidates(text: string, from: number, end: number, prefilter: RegExp): number[] {
  const global = new RegExp(prefilter.source, `${prefilter.flags.replace("g", "")}g`);
  const out: number[] = [];
  global.lastIndex = from;
  for (let m = global.exec(text); m && m.index < end; m = global.exec(text)) {
    out.push(m.index);
    const nl = text.indexOf("\n", m.index);
    global.lastIndex = nl < 0 ? text.length : nl + 1;
  }
  return out;
}

/** Where the `index`-th cell of a line holding no quote starts and ends, blanks trimmed; undefined when empty or absent. */
function cellAt(
  text: string,
  start: number,
  end: number,
  sepCode: number,
  index: number,
): [number, number] | undefined {
  const sep = String.fromCharCode(sepCode);
  let from = start;
  for (let i = 0; i < index; i++) {
    const next = text.indexOf(sep, from);
    if (next < 0 || next >= end) return undefined;
    from = next + 1;
  }
  let to = text.indexOf(sep, from);
  if (to < 0 || to > end) to = end;
  while (from < to && text.charCodeAt(from) <= 32) from++;
  while (to > from && text.charCodeAt(to - 1) <= 32) to--;
  if (to === from || (to - from === 4 && text.startsWith("NULL", from))) return undefined;
  return [from, to];
}

/** Where `cellAtBytes` found its cell; module-level so that millions of rows allocate nothing. */
const cell = { from: 0, to: 0 };

/** `cellAt` over UTF-8 bytes (the separator is one ASCII byte); the cell's range goes to `cell`. */
function cellAtBytes(buf: Buffer, start: number, end: number, sepCode: number, index: number): boolean {
  let from = start;
  for (let i = 0; i < index; i++) {
    const next = buf.indexOf(sepCode, from);
    if (next < 0 || next >= end) return false;
    from = next + 1;
  }
  let to = buf.indexOf(sepCode, from);
  if (to < 0 || to > end) to = end;
  while (from < to && buf[from]! <= 32) from++;
  while (to > from && buf[to - 1]! <= 32) to--;
  const isNull =
    to - from === 4 &&
    buf[from] === 78 &&
    buf[from + 1] === 85 &&
    buf[from + 2] === 76 &&
    buf[from + 3] === 76;
  if (to === from || isNull) return false;
  cell.from = from;
  cell.to = to;
  return true;
}

/** `buf` holds `want` at `at` (a plain loop: Buffer.compare costs more than it saves on short values). */
export function sameBytes(buf: Uint8Array, at: number, want: Uint8Array): boolean {
  if (at + want.length > buf.length) return false;
  for (let i = 0; i < want.length; i++) if (buf[at + i] !== want[i]) return false;
  return true;
}
