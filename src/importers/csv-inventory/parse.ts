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

  // Lines are walked inside each decoded chunk; a line becomes a string of its own only when it
  // may match (the pre-filter runs once over the chunk), holds a quote, or opens the file.
  let lineNo = 1;
  const walk = (text: string, from: number, end: number) => {
    const candidates = sink.needles
      ? sink.needles.candidates(text, from, end)
      : regexCandidates(text, from, end, prefilter);
    let ci = 0;
    let nextQuote = text.indexOf('"', from);
    let pos = from;
    let records = 0;
    while (pos < end) {
      const nl = text.indexOf("\n", pos);
      const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      while (ci < candidates.length && candidates[ci]! < pos) ci++;
      const candidate = ci < candidates.length && candidates[ci]! < nl;
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      const quoted = nextQuote >= 0 && nextQuote < nl;
      if (!layout || pending || quoted || candidate || text.charCodeAt(pos) === 35 /* # */) {
        const line = text.slice(pos, lineEnd);
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
      } else if (lineEnd > pos) {
        records++;
        let publisher: string | undefined;
        if (publisherIndex > 0) {
          const at = cellAt(text, pos, lineEnd, sepCode, publisherIndex);
          if (at) {
            // the same publisher as the row before costs no new string either
            publisher = publishers.get(text, at[0], at[1]);
          }
        }
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

  // The partial line a chunk ends with is joined to the start of the next one on its own, so each
  // chunk is walked as the flat string the decoder made (no concatenation of whole chunks).
  let carry = "";
  for await (const chunk of input.chunks()) {
    let from = 0;
    if (carry.length > 0) {
      const nl = chunk.indexOf("\n");
      if (nl < 0) {
        carry += chunk;
        continue;
      }
      const joined = carry + chunk.slice(0, nl + 1);
      carry = "";
      if (!walk(joined, 0, joined.length)) return;
      from = nl + 1;
    }
    const end = chunk.lastIndexOf("\n") + 1;
    if (end > from && !walk(chunk, from, end)) return;
    carry = chunk.slice(Math.max(end, from));
  }
  if (carry.length > 0) {
    const line = carry.endsWith("\r") ? carry.slice(0, -1) : carry;
    if (!layout) {
      if (line.trim() !== "") startLayout(line, lineNo);
    } else if (pending) {
      pending += `\n${line}`;
      if (!openQuote(pending)) {
        handle(pending, pendingLine);
        pending = "";
      }
    } else if (line !== "" && !line.startsWith("#TYPE")) {
      if (openQuote(line)) {
        pending = line;
        pendingLine = lineNo;
      } else handle(line, lineNo);
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
