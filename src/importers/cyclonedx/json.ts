import { readJsonMembers } from "../shared/json-members.js";
import { type CdxRead, isObject } from "./read.js";

const SPLIT = new Set(["components"]);

/** CycloneDX JSON: top-level `components` read one by one, so a damaged file keeps what precedes the damage. */
export function readCycloneDxJson(text: string): CdxRead {
  const doc = readJsonMembers(text, SPLIT);
  const out: CdxRead = { components: [], faults: [] };
  for (const item of doc.items) {
    if (item.key === "components") {
      if (item.index === undefined) {
        out.faults.push({
          line: item.line,
          code: "cyclonedx-bad-document",
          message: "components is not an array",
        });
        continue;
      }
      out.components.push({
        value: item.value,
        path: `components[${item.index}]`,
        line: item.line,
        ...(item.error !== undefined && { error: `not JSON: ${item.error}` }),
      });
    } else if (item.key === "metadata") {
      if (isObject(item.value)) out.metadata = item.value;
      else
        out.faults.push({
          line: item.line,
          code: "cyclonedx-bad-document",
          message: "metadata is not an object",
        });
    } else if (item.key === "specVersion" && typeof item.value === "string") {
      out.specVersion = item.value;
    }
  }
  if (doc.broken) {
    out.faults.push({
      line: doc.broken.line,
      code: "cyclonedx-damaged",
      message: `${doc.broken.message}; nothing after this point was read`,
    });
  }
  return out;
}
