import type { HostRef } from "../../model/observation.js";
import type { ImportContext } from "../types.js";
import { appFields } from "./fields.js";

interface App {
  name: string;
  line: number;
  values: [string, string][];
}

const KEY_VALUE = /^([^:]+):\s*(.*)$/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  return i;
}

/**
 * The text output: `Applications:`, then per application a name line ending in `:` and, indented
 * deeper, `Key: value` lines. Names repeat (every copy of an app is listed), so each block is its
 * own record.
 */
export async function parseProfilerText(ctx: ImportContext, host: HostRef): Promise<void> {
  const { input, sink, file } = ctx;
  let nameIndent = -1;
  let app: App | undefined;

  const flush = () => {
    if (!app) return;
    const fields = appFields(app.name, app.values);
    if (sink.prefilter.test(Object.values(fields).join("\n"))) {
      sink.observe({
        host,
        kind: "software",
        fields,
        origin: { format: "system-profiler", file, line: app.line, locator: "SPApplicationsDataType" },
      });
    } else sink.seen(host);
    app = undefined;
  };

  for await (const batch of input.lines()) {
    for (let k = 0; k < batch.lines.length; k++) {
      const raw = batch.lines[k]!.replace(/^\uFEFF/, "");
      const lineNo = batch.first + k;
      const text = raw.trim();
      if (text === "") continue;
      const indent = indentOf(raw);
      if (indent === 0 && text === "Applications:") continue;
      const isName = text.endsWith(":") && (nameIndent < 0 ? indent > 0 : indent === nameIndent);
      if (isName) {
        flush();
        nameIndent = indent;
        sink.record();
        app = { name: text.slice(0, -1).trim(), line: lineNo, values: [] };
        continue;
      }
      const kv = indent > nameIndent && nameIndent >= 0 ? KEY_VALUE.exec(text) : null;
      if (app && kv) {
        app.values.push([kv[1]!.trim(), kv[2]!.trim()]);
        continue;
      }
      sink.issue({
        line: lineNo,
        code: "system-profiler-bad-line",
        message: app ? "not a 'Key: value' line of an application" : "a line before the first application",
      });
    }
  }
  flush();
}
