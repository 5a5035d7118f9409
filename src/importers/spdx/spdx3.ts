import { z } from "zod";
import type { HostRef } from "../../model/observation.js";
import type { JsonItem } from "../shared/json-members.js";
import {
  assetRef,
  describeIssues,
  emitComponent,
  isoTime,
  present,
  type SbomComponent,
} from "../shared/sbom.js";
import type { ImportContext } from "../types.js";

const Version = z.union([z.string(), z.number().transform(String)]);
/** An agent named inline, or (as usual) referenced by its id elsewhere in the graph. */
const AgentRef = z.union([z.string(), z.object({ name: z.string().optional() }).loose()]);

const ExternalIdentifier = z.object({ externalIdentifierType: z.string(), identifier: z.string() }).loose();

/** The `software_Package` properties offramp reads from SPDX 3.0 JSON-LD. */
export const Spdx3Package = z
  .object({
    name: z.string().trim().min(1),
    software_packageVersion: Version.optional(),
    software_packageUrl: z.string().optional(),
    externalIdentifier: z.array(ExternalIdentifier).optional(),
    suppliedBy: AgentRef.optional(),
    originatedBy: z.array(AgentRef).optional(),
    description: z.string().optional(),
    summary: z.string().optional(),
  })
  .loose();
export type Spdx3Package = z.infer<typeof Spdx3Package>;

type Element = Record<string, unknown>;

function isElement(value: unknown): value is Element {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Compact JSON-LD writes `type`; expanded-ish writers use `@type`, sometimes with an `spdx:` prefix. */
function typeOf(e: Element): string {
  const t = e.type ?? e["@type"];
  return typeof t === "string" ? t.replace(/^spdx:/, "") : "";
}

function idOf(e: Element): string | undefined {
  const id = e.spdxId ?? e["@id"];
  return typeof id === "string" ? id : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The graph, indexed by element id. */
export class Graph {
  readonly byId = new Map<string, Element>();

  constructor(readonly elements: Element[]) {
    for (const e of elements) {
      const id = idOf(e);
      if (id) this.byId.set(id, e);
    }
  }

  agentName(ref: z.infer<typeof AgentRef> | undefined): string | undefined {
    if (ref === undefined) return undefined;
    const name = typeof ref === "string" ? this.byId.get(ref)?.name : ref.name;
    return typeof name === "string" ? present(name) : undefined;
  }

  /** Root elements of SBOM and document elements, then targets of `describes` relationships. */
  describedIds(): string[] {
    const ids: string[] = [];
    for (const e of this.elements) {
      const t = typeOf(e);
      if (t === "software_Sbom" || t === "SpdxDocument") ids.push(...strings(e.rootElement));
    }
    for (const e of this.elements) {
      if (typeOf(e).endsWith("Relationship") && e.relationshipType === "describes")
        ids.push(...strings(e.to));
    }
    return ids;
  }

  document(): Element | undefined {
    return this.elements.find((e) => typeOf(e) === "SpdxDocument");
  }

  created(e: Element | undefined): string | undefined {
    const info = e?.creationInfo;
    const resolved = typeof info === "string" ? this.byId.get(info) : info;
    return isElement(resolved) ? isoTime(resolved.created) : undefined;
  }
}

export function spdx3Component(p: Spdx3Package, graph: Graph): SbomComponent {
  const ids = p.externalIdentifier ?? [];
  const identifier = (...types: string[]) =>
    types
      .map((t) => ids.find((x) => x.externalIdentifierType.toLowerCase() === t)?.identifier)
      .map((v) => present(v))
      .find((v) => v);
  const out: SbomComponent = { name: p.name };
  const version = present(p.software_packageVersion);
  const publisher =
    graph.agentName(p.suppliedBy) ?? (p.originatedBy ?? []).map((a) => graph.agentName(a)).find((n) => n);
  const purl = present(p.software_packageUrl) ?? identifier("packageurl");
  const cpe = identifier("cpe23", "cpe22");
  const description = present(p.description) ?? present(p.summary);
  if (version) out.version = version;
  if (publisher) out.publisher = publisher;
  if (purl) out.purl = purl;
  if (cpe) out.cpe = cpe;
  if (description) out.description = description;
  return out;
}

/**
 * SPDX 3.0 JSON-LD: `@graph` elements; each `software_Package` is a component of the asset the
 * document describes, with `suppliedBy` resolved to the agent's name.
 */
export function importSpdx3(ctx: ImportContext, items: JsonItem[], fallbackName: string): void {
  const { sink, file } = ctx;
  const graphItems = items.filter((i) => i.key === "@graph");
  if (graphItems.length === 1 && graphItems[0]!.index === undefined) {
    sink.issue({ line: graphItems[0]!.line, code: "spdx-bad-document", message: "@graph is not an array" });
  }
  const elements = graphItems
    .filter((i) => i.error === undefined && isElement(i.value))
    .map((i) => i.value as Element);
  const graph = new Graph(elements);

  const packages = graph
    .describedIds()
    .map((id) => graph.byId.get(id))
    .filter((e) => e && typeOf(e) === "software_Package");
  const subject = packages.map((e) => Spdx3Package.safeParse(e)).find((p) => p.success)?.data;
  const doc = graph.document();
  const docName = typeof doc?.name === "string" ? present(doc.name) : undefined;
  const host: HostRef = subject
    ? assetRef(subject.name, present(subject.software_packageVersion))
    : assetRef(docName ?? fallbackName);
  const at = graph.created(doc);

  let record = 0;
  for (const item of graphItems) {
    if (item.index === undefined) continue;
    const path = `@graph[${item.index}]`;
    if (item.error !== undefined) {
      record++;
      sink.record();
      sink.issue({
        line: item.line,
        record,
        code: "spdx-bad-element",
        message: `${path}: not JSON: ${item.error}`,
      });
      continue;
    }
    if (!isElement(item.value) || typeOf(item.value) !== "software_Package") continue;
    record++;
    sink.record();
    const parsed = Spdx3Package.safeParse(item.value);
    if (!parsed.success) {
      const why = describeIssues(parsed.error.issues);
      sink.issue({ line: item.line, record, code: "spdx-bad-package", message: `${path}: ${why}` });
      continue;
    }
    const id = idOf(item.value);
    const origin = { format: "spdx", file, line: item.line, record, locator: id ? `${path} (${id})` : path };
    emitComponent(sink, host, spdx3Component(parsed.data, graph), origin, at);
  }
  if (record === 0) sink.seen(host);
}
