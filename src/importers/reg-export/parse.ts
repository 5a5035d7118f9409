import type { HostRef } from "../../model/observation.js";
import { hostFromFile } from "../shared/host-from-file.js";
import type { ImportContext } from "../types.js";
import { keyText, observationsOf, type RegKey } from "./keys.js";
import { parseValueLine } from "./values.js";

const HEADER_V5 = /^Windows Registry Editor Version 5\.00$/i;
const HEADER_V4 = /^REGEDIT4$/i;
/** A string value may hold line breaks; past this many lines it is taken for damage instead. */
const MAX_STRING_LINES = 64;

/**
 * `.reg` files (`regedit /e`, `reg export`), line by line: each `[key]` is one record, read to its
 * end and then turned into observations. The export names no host: `--host` or the file name.
 */
export async function parseRegExport(ctx: ImportContext): Promise<void> {
  const { input, sink, options, file } = ctx;
  const host: HostRef = { name: options.host ?? hostFromFile(file, [".reg"]), platform: "windows" };
  let unicode = true;
  let sawHeader = false;
  let key: RegKey | undefined;
  let deleted = false;
  /** A value whose data goes on over the next lines: wrapped hex, or a string with a line break. */
  let pending: { kind: "hex" | "string"; text: string; line: number; lines: number } | undefined;

  const flush = () => {
    if (key && !deleted) {
      if (sink.prefilter.test(keyText(key)))
        for (const obs of observationsOf(key, host, file)) sink.observe(obs);
      else sink.seen(host);
    }
    key = undefined;
    deleted = false;
  };

  const value = (text: string, line: number, lines = 0) => {
    const ansi = input.encoding.includes("1251") ? "windows-1251" : "windows-1252";
    const parsed = parseValueLine(text, unicode, ansi);
    if ("unterminated" in parsed) {
      if (lines < MAX_STRING_LINES) pending = { kind: "string", text, line, lines };
      else unterminated(line);
    } else if ("error" in parsed) {
      sink.issue({ line, code: "reg-bad-value", message: parsed.error });
    } else if (!key) {
      if (!deleted) sink.issue({ line, code: "reg-value-outside-key", message: "a value before any [key]" });
    } else key.values.set(parsed.value.name.toLowerCase(), parsed.value);
  };

  const unterminated = (line: number) =>
    sink.issue({ line, code: "reg-unterminated-string", message: "a string value is never closed" });

  for await (const batch of input.lines()) {
    for (let k = 0; k < batch.lines.length; k++) {
      const lineNo = batch.first + k;
      const raw = batch.lines[k]!;
      const line = raw.replace(/^\uFEFF/, "").trim();
      if (pending) {
        const p = pending;
        pending = undefined;
        const startsEntry = line.startsWith("[") || line.startsWith('"') || line.startsWith("@");
        if (p.kind === "hex" && !startsEntry) {
          if (line.endsWith("\\")) pending = { ...p, text: p.text + line.slice(0, -1) };
          else value(p.text + line, p.line);
          continue;
        }
        if (p.kind === "string" && !line.startsWith("[")) {
          value(`${p.text}\n${raw}`, p.line, p.lines + 1);
          continue;
        }
        // the entry was cut short: what there is of a hex value is read, a string is reported
        if (p.kind === "hex") value(p.text, p.line);
        else unterminated(p.line);
      }
      if (line === "" || line.startsWith(";")) continue;
      if (!sawHeader && (HEADER_V5.test(line) || HEADER_V4.test(line))) {
        sawHeader = true;
        unicode = HEADER_V5.test(line);
        continue;
      }
      if (!sawHeader) {
        sawHeader = true;
        sink.issue({
          line: lineNo,
          code: "reg-no-header",
          message: "no 'Windows Registry Editor Version 5.00' or 'REGEDIT4' line",
          severity: "warning",
        });
      }
      if (line.startsWith("[")) {
        flush();
        sink.record();
        if (!line.endsWith("]")) {
          sink.issue({ line: lineNo, code: "reg-bad-key", message: "a [key] line without its closing ]" });
          deleted = true; // its values are skipped, not reported one by one
          continue;
        }
        deleted = line.startsWith("[-");
        if (!deleted) key = { path: line.slice(1, -1), line: lineNo, values: new Map() };
        continue;
      }
      if (line.endsWith("\\") && /^(@|".*")=hex/i.test(line)) {
        pending = { kind: "hex", text: line.slice(0, -1), line: lineNo, lines: 0 };
        continue;
      }
      value(line, lineNo);
    }
  }
  if (pending?.kind === "hex") value(pending.text, pending.line);
  else if (pending) unterminated(pending.line);
  flush();
}
