import { z } from "zod";
import type { HostRef } from "../../model/observation.js";
import type { JsonItem } from "../shared/json-members.js";
import {
  assetRef,
  describeIssues,
  emitComponent,
  isoTime,
  partyName,
  present,
  type SbomComponent,
} from "../shared/sbom.js";
import type { ImportContext } from "../types.js";

const Version = z.union([z.string(), z.number().transform(String)]);

const ExternalRef = z
  .object({
    referenceCategory: z.string().optional(),
    referenceType: z.string(),
    referenceLocator: z.string(),
  })
  .loose();

/** The package fields offramp reads from SPDX 2.2/2.3 JSON; the rest passes through unread. */
export const Spdx2Package = z
  .object({
    SPDXID: z.string().optional(),
    name: z.string().trim().min(1),
    versionInfo: Version.optional(),
    supplier: z.string().optional(),
    originator: z.string().optional(),
    description: z.string().optional(),
    summary: z.string().optional(),
    externalRefs: z.array(ExternalRef).optional(),
  })
  .loose();
export type Spdx2Package = z.infer<typeof Spdx2Package>;

const Relationship = z
  .object({ spdxElementId: z.string(), relationshipType: z.string(), relatedSpdxElement: z.string() })
  .loose();

/** `purl`, `cpe23Type`, or the RDF-style `http://spdx.org/rdf/references/purl`, folded to one word. */
function refType(type: string): string {
  return (type.split("/").pop() ?? type).toLowerCase();
}

export function spdx2Component(p: Spdx2Package): SbomComponent {
  const refs = p.externalRefs ?? [];
  const locator = (...types: string[]) =>
    types
      .map((t) => refs.find((r) => refType(r.referenceType) === t)?.referenceLocator)
      .map((v) => present(v))
      .find((v) => v);
  const out: SbomComponent = { name: p.name };
  const version = present(p.versionInfo);
  const publisher = partyName(p.supplier) ?? partyName(p.originator);
  const purl = locator("purl");
  const cpe = locator("cpe23type", "cpe22type");
  const description = present(p.description) ?? present(p.summary);
  if (version) out.version = version;
  if (publisher) out.publisher = publisher;
  if (purl) out.purl = purl;
  if (cpe) out.cpe = cpe;
  if (description) out.description = description;
  return out;
}

/**
 * The ids the document says it describes: `documentDescribes`, then DESCRIBES relationships from
 * the document (and DESCRIBED_BY pointing at it), in document order.
 */
function describedIds(members: Map<string, unknown>): string[] {
  const docId =
    typeof members.get("SPDXID") === "string" ? (members.get("SPDXID") as string) : "SPDXRef-DOCUMENT";
  const ids: string[] = [];
  const described = members.get("documentDescribes");
  if (Array.isArray(described)) ids.push(...described.filter((d): d is string => typeof d === "string"));
  const relationships = members.get("relationships");
  for (const r of Array.isArray(relationships) ? relationships : []) {
    const rel = Relationship.safeParse(r);
    if (!rel.success) continue;
    const type = rel.data.relationshipType.toUpperCase();
    if (type === "DESCRIBES" && rel.data.spdxElementId === docId) ids.push(rel.data.relatedSpdxElement);
    if (type === "DESCRIBED_BY" && rel.data.relatedSpdxElement === docId) ids.push(rel.data.spdxElementId);
  }
  return ids;
}

/** SPDX 2.2/2.3 JSON: the described package is the asset; every package is a component of it. */
export function importSpdx2(ctx: ImportContext, items: JsonItem[], fallbackName: string): void {
  const { sink, file } = ctx;
  const members = new Map<string, unknown>();
  const packages: { item: JsonItem; parsed: ReturnType<typeof Spdx2Package.safeParse> | undefined }[] = [];
  for (const item of items) {
    if (item.key !== "packages") members.set(item.key, item.value);
    else if (item.index === undefined)
      sink.issue({ line: item.line, code: "spdx-bad-document", message: "packages is not an array" });
    else
      packages.push({
        item,
        parsed: item.error === undefined ? Spdx2Package.safeParse(item.value) : undefined,
      });
  }

  const byId = new Map<string, Spdx2Package>();
  for (const { parsed } of packages)
    if (parsed?.success && parsed.data.SPDXID) byId.set(parsed.data.SPDXID, parsed.data);
  const subject = describedIds(members)
    .map((id) => byId.get(id))
    .find((p) => p);
  const docName = present(
    typeof members.get("name") === "string" ? (members.get("name") as string) : undefined,
  );
  const host: HostRef = subject
    ? assetRef(subject.name, present(subject.versionInfo))
    : assetRef(docName ?? fallbackName);
  const creation = members.get("creationInfo");
  const at = isoTime(
    typeof creation === "object" && creation ? (creation as { created?: unknown }).created : undefined,
  );

  packages.forEach(({ item, parsed }, k) => {
    const record = k + 1;
    sink.record();
    const path = `packages[${item.index}]`;
    if (!parsed?.success) {
      const why = parsed ? describeIssues(parsed.error.issues) : `not JSON: ${item.error}`;
      sink.issue({ line: item.line, record, code: "spdx-bad-package", message: `${path}: ${why}` });
      return;
    }
    const id = parsed.data.SPDXID;
    const origin = { format: "spdx", file, line: item.line, record, locator: id ? `${path} (${id})` : path };
    emitComponent(sink, host, spdx2Component(parsed.data), origin, at);
  });
  if (packages.length === 0) sink.seen(host);
}
