import { TextInput } from "../src/importers/input/text-input.js";
import type { Importer, ImportOptions } from "../src/importers/types.js";
import type { InputIssue } from "../src/model/issue.js";
import type { HostRef, Observation } from "../src/model/observation.js";

export interface Collected {
  observations: Observation[];
  seen: HostRef[];
  records: number;
  issues: Omit<InputIssue, "file" | "severity">[];
}

/**
 * Runs one importer with a sink that keeps everything it is given and a pre-filter that lets
 * everything through, so tests can look at the observations themselves (decoded values, fields,
 * origins) rather than only at the findings they lead to.
 */
export async function collect(
  importer: Importer,
  source: { path: string } | { name: string; data: string | Buffer },
  options: ImportOptions = {},
): Promise<Collected> {
  const out: Collected = { observations: [], seen: [], records: 0, issues: [] };
  const input =
    "path" in source ? TextInput.fromFile(source.path) : TextInput.fromBuffer(source.name, source.data);
  await importer.parse({
    input,
    file: "path" in source ? source.path : source.name,
    options,
    sink: {
      prefilter: /(?:)/,
      observe: (o) => out.observations.push(o),
      seen: (h) => out.seen.push(h),
      record: (n = 1) => {
        out.records += n;
      },
      issue: (i) => out.issues.push(i),
    },
  });
  return out;
}
