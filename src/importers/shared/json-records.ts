/**
 * Records out of a whole JSON document without trusting the whole of it: the text is walked down
 * to the array (or object) that holds the records, and each record is parsed on its own. A damaged
 * record becomes an error with its line; the records before it are kept, and a truncated document
 * still yields everything up to the cut. Several top-level values in a row (NDJSON, concatenated
 * documents) are read one after the other.
 */

export type JsonRecord =
  | { value: unknown; line: number; error?: undefined }
  | { error: string; line: number; value?: undefined };

/**
 * Where the records sit: object keys, or `*` for every element of an array (or every member of an
 * object). The empty path makes each top-level value a record.
 */
export type RecordPath = readonly string[];

const WS = new Set([" ", "\t", "\n", "\r", "\uFEFF"]);

class Malformed extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

class Walker {
  private linePos = 0;
  private lineNo = 1;

  constructor(private readonly text: string) {}

  /** 1-based line of a position; positions are asked for in increasing order. */
  line(pos: number): number {
    if (pos < this.linePos) {
      this.linePos = 0;
      this.lineNo = 1;
    }
    let i = this.text.indexOf("\n", this.linePos);
    while (i >= 0 && i < pos) {
      this.lineNo++;
      this.linePos = i + 1;
      i = this.text.indexOf("\n", this.linePos);
    }
    return this.lineNo;
  }

  skipWs(pos: number): number {
    const t = this.text;
    while (pos < t.length && WS.has(t[pos]!)) pos++;
    return pos;
  }

  /** End (exclusive) of the string starting at `pos` (which holds the opening quote). */
  stringEnd(pos: number): number {
    const t = this.text;
    let i = pos + 1;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q < 0) throw new Malformed("unterminated string", pos);
      let backslashes = 0;
      for (let k = q - 1; k > pos && t[k] === "\\"; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      i = q + 1;
    }
  }

  /** End (exclusive) of any JSON value starting at `pos`, checking only that brackets balance. */
  valueEnd(pos: number): number {
    const t = this.text;
    const c = t[pos];
    if (c === '"') return this.stringEnd(pos);
    if (c === "{" || c === "[") {
      const stack: string[] = [c === "{" ? "}" : "]"];
      let i = pos + 1;
      while (stack.length > 0) {
        if (i >= t.length) throw new Malformed(`unterminated ${c === "{" ? "object" : "array"}`, pos);
        const ch = t[i]!;
        if (ch === '"') {
          i = this.stringEnd(i);
          continue;
        }
        if (ch === "{") stack.push("}");
        else if (ch === "[") stack.push("]");
        else if (ch === "}" || ch === "]") {
          if (stack.pop() !== ch) throw new Malformed(`unexpected ${ch}`, i);
        }
        i++;
      }
      return i;
    }
    let i = pos;
    while (i < t.length && !WS.has(t[i]!) && t[i] !== "," && t[i] !== "}" && t[i] !== "]") i++;
    if (i === pos) throw new Malformed(`unexpected ${describe(c)}`, pos);
    return i;
  }

  /** Records under `path` in the value at `pos`; returns where that value ends. */
  *descend(pos: number, path: RecordPath): Generator<JsonRecord, number> {
    const t = this.text;
    if (path.length === 0) {
      const end = this.valueEnd(pos);
      const line = this.line(pos);
      try {
        yield { value: JSON.parse(t.slice(pos, end)), line };
      } catch (e) {
        yield { error: clean((e as Error).message), line };
      }
      return end;
    }
    const [head, ...rest] = path;
    const open = t[pos];
    if (open !== "{" && open !== "[") return this.valueEnd(pos);
    const close = open === "{" ? "}" : "]";
    let i = this.skipWs(pos + 1);
    if (t[i] === close) return i + 1;
    for (;;) {
      let take = true;
      if (open === "{") {
        if (t[i] !== '"') throw new Malformed(`expected a key, found ${describe(t[i])}`, i);
        const keyEnd = this.stringEnd(i);
        const key = JSON.parse(t.slice(i, keyEnd)) as string;
        take = head === "*" || head === key;
        i = this.skipWs(keyEnd);
        if (t[i] !== ":") throw new Malformed(`expected ":", found ${describe(t[i])}`, i);
        i = this.skipWs(i + 1);
      } else {
        take = head === "*";
      }
      if (i >= t.length) throw new Malformed("document ends inside a value", i);
      i = take ? yield* this.descend(i, rest) : this.valueEnd(i);
      i = this.skipWs(i);
      if (t[i] === ",") {
        i = this.skipWs(i + 1);
        continue;
      }
      if (t[i] === close) return i + 1;
      throw new Malformed(
        i >= t.length ? "document ends early" : `expected "," or "${close}", found ${describe(t[i])}`,
        i,
      );
    }
  }
}

/** Engine messages quote the input: control characters are spelled out and the quote clipped. */
function clean(message: string): string {
  const spelled = message.replace(
    /[\u0000-\u001f\u007f]/g,
    (c) => `U+${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return spelled.length > 200 ? `${spelled.slice(0, 199)}…` : spelled;
}

function describe(c: string | undefined): string {
  if (c === undefined) return "the end";
  const code = c.codePointAt(0)!;
  return code < 0x20 || code === 0x7f
    ? `control character U+${code.toString(16).padStart(4, "0")}`
    : `"${c}"`;
}

/**
 * Every record under `path`. A structural error ends a top-level value; reading resumes at the next
 * line that opens one, so NDJSON with a bad line keeps its other lines.
 */
export function* jsonRecords(text: string, path: RecordPath): Generator<JsonRecord> {
  const w = new Walker(text);
  let pos = w.skipWs(0);
  while (pos < text.length) {
    try {
      if (text[pos] !== "{" && text[pos] !== "[") {
        throw new Malformed(`expected a JSON object or array, found ${describe(text[pos])}`, pos);
      }
      pos = yield* w.descend(pos, path);
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      yield { error: e.message, line: w.line(e.pos) };
      const next = resync(text, e.pos);
      if (next < 0) return;
      pos = next;
    }
    pos = w.skipWs(pos);
    if (text[pos] === ",") pos = w.skipWs(pos + 1);
  }
}

/** The next line start that opens an object or array after a damaged spot, or -1. */
function resync(text: string, from: number): number {
  let nl = text.indexOf("\n", from);
  while (nl >= 0) {
    const c = text[nl + 1];
    if (c === "{" || c === "[") return nl + 1;
    nl = text.indexOf("\n", nl + 1);
  }
  return -1;
}

/**
 * The pre-filter tested on raw JSON text. JSON may spell any character as `\uXXXX`, which a literal
 * filter cannot see through, so such text always passes.
 */
export function rawJsonMayMatch(prefilter: RegExp, raw: string): boolean {
  return raw.includes("\\u") || prefilter.test(raw);
}

/** Scalar JSON values as the strings a field holds; objects, arrays and null give nothing. */
export function str(value: unknown): string | undefined {
  if (typeof value === "string") {
    const v = value.trim();
    return v === "" ? undefined : v;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
