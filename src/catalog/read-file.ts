import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import type * as Yaml from "yaml";
import type { z } from "zod";
import type { ParseCache } from "./parse-cache.js";

/** The YAML parser, loaded on first use: with the parse cache warm a command never needs it. */
let yaml: typeof Yaml | undefined;
const loadYaml = () => {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml;
};

let cache: ParseCache | undefined;

/** Runs `load` with catalogue files' parses taken from and added to `c`, then saves it. */
export function withParseCache<T>(c: ParseCache, load: () => T): T {
  const outer = cache;
  cache = c;
  try {
    const out = load();
    c.save();
    return out;
  } finally {
    cache = outer;
  }
}

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
  if (cache) {
    let failed = false;
    const data = cache.get(text, () => {
      const doc = loadYaml().parseDocument(text, { prettyErrors: false });
      failed = doc.errors.length > 0;
      return failed ? undefined : doc.toJS();
    });
    if (!failed) {
      const parsed = schema.safeParse(data);
      if (parsed.success) return parsed.data;
    }
  }
  return parseWithLines(root, file, text, schema);
}

/** The full parse, with line positions: for errors that name the line. */
function parseWithLines<S extends z.ZodType>(
  root: string,
  file: string,
  text: string,
  schema: S,
): z.infer<S> {
  const { LineCounter, parseDocument } = loadYaml();
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
