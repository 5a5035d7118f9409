import { basename } from "node:path";
import { assetRef, emitComponent, isoTime } from "../shared/sbom.js";
import type { ImportContext } from "../types.js";
import { type RawComponent, subjectOf, toSbomComponent, walkComponents } from "./component.js";
import { readCycloneDxJson } from "./json.js";
import { isObject } from "./read.js";
import { readCycloneDxXml } from "./xml.js";

const JSON_HEAD = /"bomFormat"\s*:\s*"CycloneDX"/;
const JSON_SCHEMA_HEAD = /"\$schema"\s*:\s*"https?:\/\/cyclonedx\.org\/schema\/bom-1\.\d/;
const XML_HEAD =
  /<(?:[\w.-]+:)?bom\b[^>]*\bxmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/cyclonedx\.org\/schema\/bom\/1\.\d/;

function firstChar(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .charAt(0);
}

/** A JSON object naming `bomFormat: CycloneDX` (or the CycloneDX schema), or XML in the bom namespace. */
export function sniffCycloneDx(head: string): number {
  const first = firstChar(head);
  if (first === "{") {
    if (JSON_HEAD.test(head)) return 0.95;
    return JSON_SCHEMA_HEAD.test(head) ? 0.9 : 0;
  }
  if (first === "<") return XML_HEAD.test(head) ? 0.95 : 0;
  return 0;
}

/** With no `metadata.component`, the file's own name stands for the asset. */
function fallbackName(file: string): string {
  return basename(file).replace(/(\.(cdx|bom|json|xml|gz))+$/i, "") || file;
}

export async function parseCycloneDx(ctx: ImportContext): Promise<void> {
  const { input, sink, file } = ctx;
  const text = await input.text();
  const read = firstChar(text) === "<" ? readCycloneDxXml(text) : readCycloneDxJson(text);
  for (const fault of read.faults) sink.issue(fault);

  const subject = subjectOf(read.metadata);
  const host = subject ? assetRef(subject.name, subject.version) : assetRef(fallbackName(file));
  const at = isObject(read.metadata) ? isoTime(read.metadata.timestamp) : undefined;
  const top: RawComponent[] = [];
  if (subject) {
    emitComponent(
      sink,
      host,
      toSbomComponent(subject),
      { format: "cyclonedx", file, locator: "metadata.component" },
      at,
    );
    subject.components?.forEach((value, i) => {
      const line = typeof value === "object" && value !== null ? read.lines?.get(value) : undefined;
      top.push({ value, path: `metadata.component.components[${i}]`, ...(line !== undefined && { line }) });
    });
  }
  top.push(...read.components);
  const count = walkComponents(ctx, host, top, at, read.lines);
  if (count === 0 && !subject) sink.seen(host);
}
