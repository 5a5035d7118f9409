import { z } from "zod";
import { Finding, Suppression } from "./finding.js";
import { InputIssue } from "./issue.js";

export const REPORT_SCHEMA_ID = "https://offramp.dev/schema/report-1.json";

export const InputSummary = z.object({
  file: z.string(),
  format: z.string(),
  /** SHA-256 of the bytes as read (before gunzip). */
  digest: z.string(),
  bytes: z.number().int(),
  encoding: z.string(),
  records: z.number().int(),
  /** Bad records (errors and warnings); informational notes are listed under `issues` but not counted here. */
  issues: z.number().int(),
});
export type InputSummary = z.infer<typeof InputSummary>;

export const HostSummary = z.object({
  id: z.string(),
  kind: z.enum(["host", "asset"]),
  names: z.array(z.string()),
  ips: z.array(z.string()),
  ids: z.array(z.string()),
  platforms: z.array(z.string()),
  /** Importer ids that saw the host. */
  sources: z.array(z.string()),
  /** Kinds of input that saw it (inventory, network, sbom): tells inventory coverage from network-only sightings. */
  seenIn: z.array(z.enum(["inventory", "network", "sbom"])),
  records: z.number().int(),
  findings: z.number().int(),
});
export type HostSummary = z.infer<typeof HostSummary>;

export const PartyResult = z.object({
  name: z.string(),
  field: z.string(),
  /** Hosts the name was seen on (the first 100). */
  hosts: z.array(z.string()),
  records: z.number().int(),
  band: z.enum(["match", "review", "none"]),
  score: z.number(),
  family: z.string().optional(),
  hits: z.array(
    z.object({
      band: z.enum(["match", "review", "none"]),
      score: z.number(),
      sourceCode: z.string(),
      listName: z.string(),
      party: z.string(),
      basis: z.string(),
      explanation: z.string(),
    }),
  ),
});
export type PartyResult = z.infer<typeof PartyResult>;

/** Publishers, suppliers and signers met in the inputs, screened against restricted-party lists. */
export const ScreeningSummary = z.object({
  lists: z.object({
    source: z.enum(["cache", "files", "catalogue"]),
    updatedAt: z.string().optional(),
    files: z.array(z.object({ file: z.string(), sha256: z.string(), records: z.number().int() })),
    parties: z.number().int(),
    note: z.string().optional(),
  }),
  /** Distinct names screened. */
  screened: z.number().int(),
  /** Those at `review` or `match`, strongest first. */
  parties: z.array(PartyResult),
});
export type ScreeningSummary = z.infer<typeof ScreeningSummary>;

export const ReportDocument = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  tool: z.object({ name: z.literal("offramp"), version: z.string() }),
  catalog: z.object({ name: z.string(), version: z.string(), digest: z.string() }),
  asOf: z.string(),
  profile: z.array(z.string()),
  inputs: z.array(InputSummary),
  hosts: z.array(HostSummary),
  findings: z.array(Finding),
  /** Hits set aside with no finding to attach to (guards, era bounds), kept visible with the reason. */
  suppressed: z.array(Suppression.extend({ host: z.string() })),
  /** Present when the scan screened the publishers and suppliers it met. */
  screening: ScreeningSummary.optional(),
  issues: z.array(InputIssue),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
