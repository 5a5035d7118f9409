import type { ReportDocument } from "../../model/report.js";

/** The documented JSON form (schema/report.schema.json); key order is fixed by construction. */
export function renderJson(report: ReportDocument): string {
  return [...jsonChunks(report)].join("");
}

/**
 * The same bytes as `JSON.stringify(report, null, 2)` plus a newline, in pieces: one per element
 * of the top-level arrays (hosts, findings…), so a report of a hundred thousand hosts is written
 * without building one string of hundreds of megabytes.
 */
export function* jsonChunks(report: ReportDocument): Generator<string> {
  const entries = Object.entries(report).filter(([, v]) => v !== undefined);
  yield "{";
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i === 0 ? "" : ","}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield "[";
      for (const [j, element] of value.entries()) {
        yield `${j === 0 ? "" : ","}\n    ${atDepth2(element)}`;
      }
      yield "\n  ]";
    } else {
      yield atDepth1(value);
    }
  }
  yield "\n}\n";
}

/**
 * A value pretty-printed as if it sat one (or two) levels deep: JSON.stringify indents nested
 * values itself, so the value is wrapped in arrays and the wrapper cut off again (cheaper than
 * re-indenting the text).
 */
function atDepth1(value: unknown): string {
  const text = JSON.stringify([value], null, 2);
  return text.slice(4, -2); // "[\n  " … "\n]"
}

function atDepth2(value: unknown): string {
  const text = JSON.stringify([[value]], null, 2);
  return text.slice(10, -6); // "[\n  [\n    " … "\n  ]\n]"
}
