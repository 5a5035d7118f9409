import type { Observation } from "../../model/observation.js";
import { hostFromFile } from "../shared/host-from-file.js";
import { jsonRecords } from "../shared/json-records.js";
import type { ImportContext } from "../types.js";
import { rowText, type TableGuesser, toRow } from "./tables.js";

/**
 * `osqueryi --json "SELECT …"`: one JSON array of row objects, current state only. The output names
 * no host, so it is `--host` or the file name.
 */
export async function parseOsqueryiJson(ctx: ImportContext, guesser: TableGuesser): Promise<void> {
  const { input, sink, options, file } = ctx;
  const host = { name: options.host ?? hostFromFile(file, [".json", ".txt", ".out"]) };
  for (const rec of jsonRecords(await input.text(), ["*"])) {
    sink.record();
    if (rec.error !== undefined) {
      sink.issue({ line: rec.line, code: "osquery-bad-row", message: rec.error });
      continue;
    }
    const row = toRow(rec.value);
    if (!row) {
      sink.issue({ line: rec.line, code: "osquery-bad-row", message: "array element is not a row object" });
      continue;
    }
    const spec = sink.prefilter.test(rowText(row)) ? guesser.of(row) : undefined;
    if (!spec) {
      sink.seen(host);
      continue;
    }
    const obs: Observation = {
      host: spec.platform ? { ...host, platform: spec.platform } : host,
      kind: spec.kind,
      fields: spec.fields(row),
      origin: { format: "osquery", file, line: rec.line, locator: `osqueryi --json (${spec.table})` },
    };
    sink.observe(obs);
  }
}
