import {
  elementStart,
  findDamage,
  lineIndex,
  lineOf,
  safeXmlParser,
  stripDoctype,
  xmlText,
} from "../shared/safe-xml.js";
import { type CdxRead, isObject } from "./read.js";

const parser = safeXmlParser({ isArray: (name) => name === "component" || name === "author" });

const TEXT_FIELDS = ["name", "version", "group", "publisher", "purl", "cpe", "description"] as const;
const CLOSE_COMPONENT = /<\/(?:[\w.-]+:)?component\s*>/g;

function party(node: unknown): unknown {
  return isObject(node) ? { name: xmlText(node.name) } : node;
}

/**
 * An XML `<component>` in the JSON shape, so one schema checks both serialisations: text of the
 * known elements, `bom-ref` from its attribute, `<author>` text (≤1.5) or `<authors><author>` (1.6).
 * `line` records where each converted component starts.
 */
export function componentFromXml(node: unknown, line: (node: unknown, out: object) => void): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  line(node, out);
  for (const key of TEXT_FIELDS) if (node[key] !== undefined) out[key] = xmlText(node[key]);
  if (node["@_bom-ref"] !== undefined) out["bom-ref"] = xmlText(node["@_bom-ref"]);
  if (node.supplier !== undefined) out.supplier = party(node.supplier);
  if (node.manufacturer !== undefined) out.manufacturer = party(node.manufacturer);
  const author = node.author;
  if (Array.isArray(author) && author.length > 0) out.author = xmlText(author[0]);
  const authors = isObject(node.authors) ? node.authors.author : undefined;
  if (Array.isArray(authors)) out.authors = authors.map(party);
  const nested = isObject(node.components) ? node.components.component : undefined;
  if (Array.isArray(nested)) out.components = nested.map((n) => componentFromXml(n, line));
  return out;
}

/** The last `</component>` before `offset`: everything up to it is whole. */
function lastWholeComponent(xml: string, offset: number): number {
  let end = -1;
  for (const m of xml.slice(0, offset).matchAll(CLOSE_COMPONENT)) end = m.index + m[0].length;
  return end;
}

/**
 * CycloneDX XML (`<bom xmlns="http://cyclonedx.org/schema/bom/1.x">`). A damaged document is cut
 * after its last complete component; the parser tolerates the elements left open.
 */
export function readCycloneDxXml(text: string): CdxRead {
  const out: CdxRead = { components: [], faults: [] };
  let xml = text;
  const doctype = stripDoctype(xml);
  if (doctype) {
    xml = doctype.text;
    out.faults.push({
      line: doctype.line,
      code: "xml-doctype-ignored",
      message: "DOCTYPE ignored: entities it declares are not expanded",
      severity: "warning",
    });
  }
  const damage = findDamage(xml);
  if (damage) {
    out.faults.push({
      line: damage.line,
      code: "cyclonedx-damaged",
      message: `${damage.message}; components after the last complete one before line ${damage.line} are not read`,
    });
    const cut = lastWholeComponent(xml, damage.offset);
    xml = cut < 0 ? "" : xml.slice(0, cut);
  }
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    out.faults.push({
      line: lineOf(xml, xml.length),
      code: "cyclonedx-damaged",
      message: (e as Error).message,
    });
    return out;
  }
  const bom = isObject(doc) ? doc.bom : undefined;
  if (!isObject(bom)) {
    if (!damage) out.faults.push({ code: "cyclonedx-bad-document", message: "no <bom> element" });
    return out;
  }
  const lines = new WeakMap<object, number>();
  const lineAt = lineIndex(xml);
  const note = (node: unknown, out: object) => {
    const start = elementStart(node);
    if (start !== undefined) lines.set(out, lineAt(start));
  };
  out.lines = lines;
  const version = /bom\/(1\.\d+)/.exec(String(bom["@_xmlns"] ?? ""));
  if (version) out.specVersion = version[1]!;
  if (isObject(bom.metadata)) {
    const metadata: Record<string, unknown> = { timestamp: xmlText(bom.metadata.timestamp) };
    const subject = bom.metadata.component;
    if (Array.isArray(subject) && subject.length > 0) metadata.component = componentFromXml(subject[0], note);
    out.metadata = metadata;
  }
  const list = isObject(bom.components) ? bom.components.component : undefined;
  if (Array.isArray(list)) {
    list.forEach((node, i) => {
      const value = componentFromXml(node, note);
      const line = isObject(value) ? lines.get(value) : undefined;
      out.components.push({ value, path: `components[${i}]`, ...(line !== undefined && { line }) });
    });
  }
  return out;
}
