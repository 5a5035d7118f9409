import { hostFromFile } from "../shared/host-from-file.js";
import { isObject, jsonRecords, type RecordPath } from "../shared/json-records.js";
import type { ImportContext } from "../types.js";
import { computerOf, SHAPES, withCimProperties } from "./shapes.js";

/**
 * Where the objects are: an array, one bare object (ConvertTo-Json of a single item), or the
 * `{"value": […], "Count": n}` wrapper Windows PowerShell writes for an array held in a PSObject.
 */
function recordPath(head: string): RecordPath {
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("[")) return ["*"];
  if (/^\{\s*"value"\s*:\s*\[/.test(body) && /"Count"\s*:/.test(body)) return ["value", "*"];
  return [];
}

export async function parsePowershellJson(ctx: ImportContext): Promise<void> {
  const { input, sink, options, file } = ctx;
  const path = recordPath(await input.peek());
  const fallback = options.host ?? hostFromFile(file, [".json", ".txt"]);
  let n = 0;
  for (const rec of jsonRecords(await input.text(), path)) {
    sink.record();
    n++;
    if (rec.error !== undefined) {
      sink.issue({ line: rec.line, code: "powershell-bad-json", message: rec.error });
      continue;
    }
    if (!isObject(rec.value)) {
      sink.issue({ line: rec.line, code: "powershell-not-an-object", message: "element is not an object" });
      continue;
    }
    const o = withCimProperties(rec.value);
    const host = { name: computerOf(o) ?? fallback, platform: "windows" as const };
    const shape = SHAPES.find((s) => s.test(o));
    if (!shape) {
      sink.issue({
        line: rec.line,
        code: "powershell-unknown-object",
        message: "not an Uninstall entry, AntiVirusProduct, service or process",
        severity: "warning",
      });
      sink.seen(host);
      continue;
    }
    const fields = shape.fields(o);
    if (!sink.prefilter.test(Object.values(fields).join("\n"))) {
      sink.seen(host);
      continue;
    }
    sink.observe({
      host,
      kind: shape.kind,
      fields,
      origin: { format: "powershell-json", file, line: rec.line, record: n, locator: shape.id },
    });
  }
}
