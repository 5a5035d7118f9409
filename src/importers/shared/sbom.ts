import type { HostRef, ObservationFields, Origin } from "../../model/observation.js";
import type { ObservationSink } from "../types.js";

/**
 * What CycloneDX and SPDX components have in common once read: the fields the catalogue matches
 * on. Both importers turn their own shapes into this and hand it to `emitComponent`.
 */
export interface SbomComponent {
  name: string;
  version?: string;
  /** CycloneDX `group` (maven groupId, npm scope, composer vendor). */
  group?: string;
  publisher?: string;
  purl?: string;
  cpe?: string;
  description?: string;
}

/** SPDX writes "no information" as words; they must never look like a value. */
const NO_VALUE = new Set(["noassertion", "none", "unknown", ""]);

/**
 * A supplier or originator as a plain name: the SPDX `Organization:` / `Person:` / `Tool:` prefix
 * and a trailing contact in parentheses are dropped, since publisher rules compare whole names.
 */
export function partyName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const name = value
    .trim()
    .replace(/^(organization|person|tool)\s*:\s*/i, "")
    .replace(/\s*\((?:[^()]*@[^()]*)?\)\s*$/, "")
    .replace(/\s*<[^<>]*@[^<>]*>\s*$/, "")
    .trim();
  return NO_VALUE.has(name.toLowerCase()) ? undefined : name;
}

/** A non-empty value that is not an SPDX "no information" word. */
export function present(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && !NO_VALUE.has(v.toLowerCase()) ? v : undefined;
}

export interface Purl {
  type: string;
  namespace?: string;
  name: string;
}

/** The parts of a package URL a package id needs; undefined when it is not one. */
export function parsePurl(purl: string): Purl | undefined {
  const m = /^pkg:([a-z][a-z0-9.+-]*)\/([^@?#]+)/i.exec(purl.trim());
  if (!m) return undefined;
  const parts = m[2]!.split("/").filter((p) => p.length > 0);
  const decode = (p: string) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  };
  const name = parts.pop();
  if (!name) return undefined;
  return {
    type: m[1]!.toLowerCase(),
    name: decode(name),
    ...(parts.length > 0 && { namespace: parts.map(decode).join("/") }),
  };
}

/**
 * The package id as the ecosystem writes it: maven `groupId:artifactId` (the group taken from the
 * purl when the SBOM has no group field, as SPDX never does), otherwise the name with its group.
 * A deb/rpm purl namespace is the distribution, not a group, so it is never used.
 */
export function packageId(c: Pick<SbomComponent, "name" | "group" | "purl">): string {
  const purl = c.purl ? parsePurl(c.purl) : undefined;
  if (purl?.type === "maven") {
    const group = c.group ?? purl.namespace;
    return group ? `${group}:${c.name}` : c.name;
  }
  return c.group ? `${c.group}/${c.name}` : c.name;
}

export function componentFields(c: SbomComponent): ObservationFields {
  const fields: ObservationFields = { name: c.name, package: packageId(c) };
  const put = (field: keyof ObservationFields, value: string | undefined) => {
    const v = present(value);
    if (v) fields[field] = v;
  };
  put("version", c.version);
  put("publisher", c.publisher);
  put("purl", c.purl);
  put("cpe", c.cpe);
  put("text", c.description);
  return fields;
}

/** The SBOM's subject as an asset: `name@version`, or the name alone. */
export function assetRef(name: string, version?: string): HostRef {
  const v = present(version);
  return { kind: "asset", name: v ? `${name.trim()}@${v}` : name.trim() };
}

/** An SBOM creation time as UTC ISO 8601, or undefined when it is not a date. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * One component of an asset. The literal pre-filter runs over the field values first: a component
 * that cannot match any rule only counts toward its asset.
 */
export function emitComponent(
  sink: ObservationSink,
  host: HostRef,
  c: SbomComponent,
  origin: Origin,
  at?: string,
): void {
  const fields = componentFields(c);
  if (!sink.prefilter.test(Object.values(fields).join("\n"))) {
    sink.seen(host);
    return;
  }
  sink.observe({ host, kind: "package", fields, origin, embedded: true, ...(at !== undefined && { at }) });
}

/** Zod issues in one line: `name: expected string; version: …`. */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "(component)"}: ${i.message}`)
    .join("; ");
}
