import { type X2jOptions, XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * XML from the wild, read without ever expanding an entity the document declares: the DOCTYPE is
 * blanked out before the parser sees it (so no billion-laughs, no external entities), the parser's
 * own entity processing is off, and only the five predefined entities and character references are
 * decoded, in text we pick out ourselves. `&xxe;` stays the literal text `&xxe;`.
 */

export interface Doctype {
  /** The text with the DOCTYPE replaced by spaces (line breaks kept, so lines still count right). */
  text: string;
  line: number;
}

/** Blanks the DOCTYPE declaration (internal subset included); undefined when there is none. */
export function stripDoctype(xml: string): Doctype | undefined {
  const m = /<!DOCTYPE/i.exec(xml);
  if (!m) return undefined;
  const start = m.index;
  let depth = 0;
  let quote = "";
  let end = xml.length;
  for (let i = start + 9; i < xml.length; i++) {
    const ch = xml[i]!;
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[") depth++;
    else if (ch === "]") depth--;
    else if (ch === ">" && depth <= 0) {
      end = i + 1;
      break;
    }
  }
  const blank = xml.slice(start, end).replace(/[^\n]/g, " ");
  return { text: xml.slice(0, start) + blank + xml.slice(end), line: lineOf(xml, start) };
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Predefined entities and character references only; anything else is left as written. */
export function decodeXmlText(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return PREDEFINED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Line lookup for many offsets of one text: newline positions found once, then a binary search. */
export function lineIndex(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) breaks.push(i);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** Where the parser saw an element start (`captureMetaData`), as an offset into the text it read. */
export function elementStart(node: unknown): number | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const meta = (node as Record<symbol, unknown>)[XMLParser.getMetaDataSymbol() as symbol];
  const start = (meta as { startIndex?: unknown } | undefined)?.startIndex;
  return typeof start === "number" ? start : undefined;
}

export function offsetOf(text: string, line: number, col: number): number {
  let pos = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
  return Math.min(text.length, pos + Math.max(0, col - 1));
}

export interface XmlDamage {
  line: number;
  /** Offset from which the text cannot be trusted (the end when the document just stops). */
  offset: number;
  message: string;
}

/** Where a document is damaged, per the validator; undefined when it is well formed. */
export function findDamage(xml: string): XmlDamage | undefined {
  const result = XMLValidator.validate(xml);
  if (result === true) return undefined;
  const { msg, line, col } = result.err;
  // Unclosed elements at the end are reported at 1:1 with the list of open tags: the file stops early.
  if (/^Invalid '\[/.test(msg)) {
    return {
      line: lineOf(xml, xml.length),
      offset: xml.length,
      message: "the document ends inside open elements (truncated?)",
    };
  }
  return { line, offset: offsetOf(xml, line, col), message: msg };
}

/** A parser with entity processing off, values kept as text (`1.10` stays `1.10`), element offsets kept. */
export function safeXmlParser(options: Partial<X2jOptions> = {}): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    ...options,
  });
}

/** Text of an element as the parser left it (plain, or `#text` beside attributes), entities decoded. */
export function xmlText(node: unknown): unknown {
  if (typeof node === "string") return decodeXmlText(node);
  if (typeof node === "object" && node !== null && !Array.isArray(node) && "#text" in node) {
    return decodeXmlText(String((node as Record<string, unknown>)["#text"]));
  }
  return node;
}
