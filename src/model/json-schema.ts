import { posix } from "node:path";
import { z } from "zod";
import {
  CaseFile,
  GuardFile,
  Manifest,
  NetworkFile,
  ProductFile,
  SharedSignatureFile,
  VendorFile,
} from "./catalog.js";
import { AlternativesFile, ProfileFile, Regime } from "./regime.js";
import { REPORT_SCHEMA_ID, ReportDocument } from "./report.js";

/**
 * JSON Schemas for editors and report consumers, generated from the zod models so that they cannot
 * say something the loader does not enforce. `scripts/gen-schemas.ts` writes them under `schema/`;
 * a test fails when the committed files differ from what this produces.
 */

export interface SchemaSource {
  /** Path under `schema/`. */
  file: string;
  title: string;
  /**
   * Files the schema describes, as globs from the repository root (`*` stays within a folder); the
   * first source whose glob matches a file is its schema, and a test checks every catalogue file has one.
   */
  describes: readonly string[];
  model: z.ZodType;
  id?: string;
}

/**
 * Order matters: the first source whose glob matches a file is its schema, so the folders with
 * fixed names (cases, regimes) come before the per-vendor files whose folder is a wildcard.
 */
export const SCHEMA_SOURCES: readonly SchemaSource[] = [
  {
    file: "catalog/cases.schema.json",
    title: "offramp catalogue: signature test cases",
    describes: ["catalog/cases/*.yaml"],
    model: CaseFile,
  },
  {
    file: "catalog/profiles.schema.json",
    title: "offramp catalogue: regime profiles",
    describes: ["catalog/regimes/profiles.yaml"],
    model: ProfileFile,
  },
  {
    file: "catalog/regime.schema.json",
    title: "offramp catalogue: legal regime",
    describes: ["catalog/regimes/*.yaml"],
    model: Regime,
  },
  {
    file: "catalog/products.schema.json",
    title: "offramp catalogue: product file",
    describes: ["catalog/*/products/*.yaml"],
    model: ProductFile,
  },
  {
    file: "catalog/shared-signatures.schema.json",
    title: "offramp catalogue: shared signatures",
    describes: ["catalog/*/shared-signatures.yaml"],
    model: SharedSignatureFile,
  },
  {
    file: "catalog/guards.schema.json",
    title: "offramp catalogue: not-this-vendor guards",
    describes: ["catalog/*/guards.yaml"],
    model: GuardFile,
  },
  {
    file: "catalog/vendor.schema.json",
    title: "offramp catalogue: vendor and legal entities",
    describes: ["catalog/*/vendor.yaml"],
    model: VendorFile,
  },
  {
    file: "catalog/network.schema.json",
    title: "offramp catalogue: network indicators",
    describes: ["catalog/*/network.yaml"],
    model: NetworkFile,
  },
  {
    file: "catalog/manifest.schema.json",
    title: "offramp catalogue: manifest",
    describes: ["catalog/manifest.yaml"],
    model: Manifest,
  },
  {
    file: "catalog/alternatives.schema.json",
    title: "offramp catalogue: replacement guidance",
    describes: ["catalog/alternatives.yaml"],
    model: AlternativesFile,
  },
  {
    file: "report.schema.json",
    title: "offramp report (offramp scan --format json)",
    describes: ["offramp-report.json"],
    model: ReportDocument,
    id: REPORT_SCHEMA_ID,
  },
];

/**
 * One schema, input side: what a file may say before defaults apply (`kind` may be left out of a
 * product, `severity` out of an issue), which is what an editor checks and a consumer may meet.
 */
export function buildJsonSchema(source: SchemaSource): Record<string, unknown> {
  const schema = z.toJSONSchema(source.model, { io: "input", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    ...(source.id !== undefined && { $id: source.id }),
    title: source.title,
    description: `Describes ${source.describes.join(", ")}. Generated from the zod model by scripts/gen-schemas.ts; do not edit.`,
  };
}

/** Object keys sorted at every depth, so the file changes only when the model does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** The bytes of a schema file: sorted keys, 2-space indent, trailing newline. */
export function serializeSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(sortKeys(schema), null, 2)}\n`;
}

/** The schema source for a path relative to the repository root (first glob that matches). */
export function schemaFor(path: string): SchemaSource | undefined {
  const norm = path.split("\\").join("/");
  return SCHEMA_SOURCES.find((s) => s.describes.some((glob) => globRegex(glob).test(norm)));
}

function globRegex(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^${body}$`);
}

export const HINT_PREFIX = "# yaml-language-server: $schema=";

/** The editor hint for a catalogue file (path from the repository root), pointing at its schema. */
export function schemaHint(path: string): string | undefined {
  const norm = path.split("\\").join("/");
  const source = schemaFor(norm);
  return source ? `${HINT_PREFIX}${posix.relative(posix.dirname(norm), `schema/${source.file}`)}` : undefined;
}

/** The text with the hint as its first line, replacing an older hint; YAML reads it as a comment. */
export function withSchemaHint(text: string, hint: string): string {
  const first = text.indexOf("\n");
  const head = first < 0 ? text : text.slice(0, first);
  return head.startsWith(HINT_PREFIX) ? `${hint}${first < 0 ? "" : text.slice(first)}` : `${hint}\n${text}`;
}

/** Every schema file as path under `schema/` → contents. */
export function buildSchemaFiles(): Map<string, string> {
  return new Map(SCHEMA_SOURCES.map((s) => [s.file, serializeSchema(buildJsonSchema(s))]));
}
