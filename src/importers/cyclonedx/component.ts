import { z } from "zod";
import type { HostRef } from "../../model/observation.js";
import { describeIssues, emitComponent, type SbomComponent } from "../shared/sbom.js";
import type { ImportContext } from "../types.js";

const Party = z.object({ name: z.string().optional() }).loose();
/** Versions written as numbers (`"version": 2.1`) are common in hand-made SBOMs; kept as text. */
const Version = z.union([z.string(), z.number().transform(String)]);

/**
 * The component fields offramp reads, across spec versions 1.2–1.6 (`author` is a string up to
 * 1.5, `authors[]` and `manufacturer` arrive in 1.6). Everything else passes through unread.
 */
export const CdxComponent = z
  .object({
    name: z.string().trim().min(1),
    version: Version.optional(),
    group: z.string().optional(),
    publisher: z.string().optional(),
    supplier: Party.optional(),
    manufacturer: Party.optional(),
    author: z.string().optional(),
    authors: z.array(Party).optional(),
    purl: z.string().optional(),
    cpe: z.string().optional(),
    description: z.string().optional(),
    "bom-ref": z.string().optional(),
    components: z.array(z.unknown()).optional(),
  })
  .loose();
export type CdxComponent = z.infer<typeof CdxComponent>;

function firstPresent(...values: (string | undefined)[]): string | undefined {
  return values.map((v) => v?.trim()).find((v) => v);
}

export function toSbomComponent(c: CdxComponent): SbomComponent {
  const out: SbomComponent = { name: c.name };
  const publisher = firstPresent(
    c.publisher,
    c.supplier?.name,
    c.author,
    c.manufacturer?.name,
    ...(c.authors ?? []).map((a) => a.name),
  );
  if (c.version !== undefined) out.version = c.version;
  if (c.group?.trim()) out.group = c.group.trim();
  if (publisher) out.publisher = publisher;
  if (c.purl) out.purl = c.purl;
  if (c.cpe) out.cpe = c.cpe;
  if (c.description) out.description = c.description;
  return out;
}

/** A component as the reader found it: parsed value (or the reason it is not one) and where. */
export interface RawComponent {
  value: unknown;
  path: string;
  line?: number;
  error?: string;
}

function nestedOf(value: unknown): unknown[] {
  if (typeof value !== "object" || value === null) return [];
  const nested = (value as { components?: unknown }).components;
  return Array.isArray(nested) ? nested : [];
}

/**
 * Walks components depth first (nested `components` included), numbering them in document order:
 * the number is the record in evidence and issues. A bad component becomes an issue; its nested
 * components are still read when they are there.
 */
export function walkComponents(
  ctx: ImportContext,
  host: HostRef,
  top: Iterable<RawComponent>,
  at: string | undefined,
  lines?: WeakMap<object, number>,
): number {
  const { sink, file } = ctx;
  let record = 0;
  for (const first of top) {
    const stack: RawComponent[] = [first];
    while (stack.length > 0) {
      const item = stack.pop()!;
      record++;
      sink.record();
      const where = item.line !== undefined ? { line: item.line, record } : { record };
      if (item.error !== undefined) {
        sink.issue({ ...where, code: "cyclonedx-bad-component", message: `${item.path}: ${item.error}` });
        continue;
      }
      const parsed = CdxComponent.safeParse(item.value);
      if (parsed.success) {
        const ref = parsed.data["bom-ref"];
        emitComponent(
          sink,
          host,
          toSbomComponent(parsed.data),
          { format: "cyclonedx", file, ...where, locator: ref ? `${item.path} (${ref})` : item.path },
          at,
        );
      } else {
        sink.issue({
          ...where,
          code: "cyclonedx-bad-component",
          message: `${item.path}: ${describeIssues(parsed.error.issues)}`,
        });
      }
      const nested = nestedOf(item.value);
      for (let i = nested.length - 1; i >= 0; i--) {
        const value = nested[i];
        const line = typeof value === "object" && value !== null ? lines?.get(value) : undefined;
        stack.push({ value, path: `${item.path}.components[${i}]`, ...(line !== undefined && { line }) });
      }
    }
  }
  return record;
}

/**
 * The SBOM's subject from `metadata.component`, observed like a component (an SBOM of a Kaspersky
 * appliance is itself evidence) but not counted as one; undefined when it has no usable name.
 */
export function subjectOf(metadata: unknown): CdxComponent | undefined {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const parsed = CdxComponent.safeParse((metadata as { component?: unknown }).component);
  return parsed.success ? parsed.data : undefined;
}
