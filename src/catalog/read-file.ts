import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
    this.name = "CatalogError";
  }
}

/** Reads one YAML file and validates it; errors name the file and the line of the offending node. */
export function readCatalogFile<S extends z.ZodType>(root: string, file: string, schema: S): z.infer<S> {
  const text = readFileSync(file, "utf8");
  const shown = relative(resolve(root, ".."), file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new CatalogError(shown, lineCounter.linePos(e.pos[0]).line, e.message);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const path = first.path as (string | number)[];
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) line = lineCounter.linePos(node.range[0]).line;
    }
    throw new CatalogError(shown, line, `${path.join(".") || "(root)"}: ${first.message}`);
  }
  return parsed.data;
}
