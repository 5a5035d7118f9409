import type { HostRef } from "../../model/observation.js";
import { isObject, jsonRecords, str } from "../shared/json-records.js";
import type { ImportContext } from "../types.js";
import { appFields } from "./fields.js";

/** `system_profiler -json SPApplicationsDataType`: `_name`, `path`, `version`, `info`, `signed_by` […]. */
export async function parseProfilerJson(ctx: ImportContext, host: HostRef): Promise<void> {
  const { input, sink, file } = ctx;
  let n = 0;
  for (const rec of jsonRecords(await input.text(), ["SPApplicationsDataType", "*"])) {
    sink.record();
    n++;
    if (rec.error !== undefined || !isObject(rec.value)) {
      sink.issue({
        line: rec.line,
        code: "system-profiler-bad-json",
        message: rec.error ?? "application entry is not an object",
      });
      continue;
    }
    const app = rec.value;
    const values: [string, string][] = [];
    for (const [key, value] of Object.entries(app)) {
      const text = Array.isArray(value) ? value.map(str).filter(Boolean).join(", ") : str(value);
      if (text) values.push([key, text]);
    }
    const fields = appFields(str(app._name), values);
    if (!sink.prefilter.test(Object.values(fields).join("\n"))) {
      sink.seen(host);
      continue;
    }
    sink.observe({
      host,
      kind: "software",
      fields,
      origin: {
        format: "system-profiler",
        file,
        line: rec.line,
        record: n,
        locator: "SPApplicationsDataType",
      },
    });
  }
}
