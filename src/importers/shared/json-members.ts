/**
 * Reads a JSON document whose top level is an object, member by member, and the arrays named in
 * `split` element by element, each with the line it starts on. One bad element costs only itself
 * (its slice fails `JSON.parse`, the reader moves on), and a document cut short keeps every element
 * that was complete before the cut: a damaged SBOM still yields the components it does contain.
 */

export interface JsonItem {
  /** The top-level member's key. */
  key: string;
  /** Position in the top-level array for members read element by element. */
  index?: number;
  value: unknown;
  /** 1-based line where the value starts. */
  line: number;
  /** Set when the value's bounds were found but its text is not JSON; `value` is then undefined. */
  error?: string;
}

export interface JsonFault {
  key?: string;
  index?: number;
  line: number;
  message: string;
}

export interface JsonMembers {
  /** In document order; a bad value is an item with `error`, and reading went on after it. */
  items: JsonItem[];
  /** Where the structure itself broke (truncation, garbage); nothing after it was read. */
  broken?: JsonFault;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class Cursor {
  private counted = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** Line of `pos`; positions are asked for in increasing order, so each newline is counted once. */
  lineAt(pos: number): number {
    if (pos < this.counted) return this.recount(pos);
    let nl = this.text.indexOf("\n", this.counted);
    while (nl >= 0 && nl < pos) {
      this.line++;
      nl = this.text.indexOf("\n", nl + 1);
    }
    this.counted = pos;
    return this.line;
  }

  private recount(pos: number): number {
    this.counted = 0;
    this.line = 1;
    return this.lineAt(pos);
  }
}

function skipWs(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the closing quote of the string opening at `pos`, or -1 when it never closes. */
function stringEnd(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let slashes = 0;
    for (let k = q - 1; k > pos && text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/**
 * Index just past the value starting at `pos`, found by bracket depth outside strings; -1 when
 * the text ends first. Bracket kinds are not checked here: `JSON.parse` of the slice does that.
 */
function valueEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return stringEnd(text, pos);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let i = pos; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === QUOTE) {
        const end = stringEnd(text, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  if (pos >= text.length) return -1;
  let i = pos;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x2c || ch === 0x7d || ch === 0x5d || WS.has(ch)) break;
    i++;
  }
  return i;
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return "the document ends early (truncated?)";
  const shown = JSON.stringify(text.slice(pos, pos + 12));
  return `unexpected ${shown}`;
}

export function readJsonMembers(text: string, split: ReadonlySet<string>): JsonMembers {
  const out: JsonMembers = { items: [] };
  const cursor = new Cursor(text);
  const brokenAt = (pos: number, message: string, key?: string, index?: number): JsonMembers => {
    out.broken = {
      line: cursor.lineAt(pos),
      message,
      ...(key !== undefined && { key }),
      ...(index !== undefined && { index }),
    };
    return out;
  };
  const take = (key: string, index: number | undefined, start: number, end: number) => {
    const line = cursor.lineAt(start);
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      out.items.push({ key, value, line, ...(index !== undefined && { index }) });
    } catch (e) {
      out.items.push({
        key,
        value: undefined,
        line,
        error: (e as Error).message,
        ...(index !== undefined && { index }),
      });
    }
  };

  let pos = skipWs(text, 0);
  if (text.charCodeAt(pos) !== 0x7b) return brokenAt(pos, `not a JSON object: ${describe(text, pos)}`);
  pos = skipWs(text, pos + 1);
  if (text.charCodeAt(pos) === 0x7d) return out;
  for (;;) {
    if (text.charCodeAt(pos) !== QUOTE)
      return brokenAt(pos, `expected a member name: ${describe(text, pos)}`);
    const keyEnd = stringEnd(text, pos);
    if (keyEnd < 0) return brokenAt(pos, describe(text, text.length));
    let key: string;
    try {
      key = JSON.parse(text.slice(pos, keyEnd)) as string;
    } catch (e) {
      return brokenAt(pos, (e as Error).message);
    }
    pos = skipWs(text, keyEnd);
    if (text.charCodeAt(pos) !== 0x3a)
      return brokenAt(pos, `expected ":" after "${key}": ${describe(text, pos)}`);
    pos = skipWs(text, pos + 1);
    if (split.has(key) && text.charCodeAt(pos) === 0x5b) {
      pos = skipWs(text, pos + 1);
      let index = 0;
      if (text.charCodeAt(pos) === 0x5d) pos++;
      else
        for (;;) {
          const end = valueEnd(text, pos);
          if (end < 0) return brokenAt(pos, `${key}[${index}]: ${describe(text, text.length)}`, key, index);
          take(key, index, pos, end);
          index++;
          pos = skipWs(text, end);
          const sep = text.charCodeAt(pos);
          if (sep === 0x5d) {
            pos++;
            break;
          }
          if (sep !== 0x2c) return brokenAt(pos, `${key}[${index}]: ${describe(text, pos)}`, key, index);
          pos = skipWs(text, pos + 1);
        }
    } else {
      const end = valueEnd(text, pos);
      if (end < 0) return brokenAt(pos, `${key}: ${describe(text, text.length)}`, key);
      take(key, undefined, pos, end);
      pos = end;
    }
    pos = skipWs(text, pos);
    const sep = text.charCodeAt(pos);
    if (sep === 0x7d) break;
    if (sep !== 0x2c) return brokenAt(pos, `after "${key}": ${describe(text, pos)}`);
    pos = skipWs(text, pos + 1);
  }
  pos = skipWs(text, pos + 1);
  if (pos < text.length) return brokenAt(pos, `data after the end of the document: ${describe(text, pos)}`);
  return out;
}
