import { z } from "zod";

export const FindingClass = z.enum(["installed", "integrated", "network", "historical"]);
export type FindingClass = z.infer<typeof FindingClass>;

export const Confidence = z.enum(["possible", "likely", "confirmed"]);
export type Confidence = z.infer<typeof Confidence>;
export const CONFIDENCE_RANK: Record<Confidence, number> = { possible: 1, likely: 2, confirmed: 3 };

/** One observation that fired one signature: what was searched for and what was seen, and where. */
export const Evidence = z.object({
  signature: z.string(),
  weight: z.enum(["authoritative", "strong", "weak"]),
  field: z.string(),
  /** The value as the input wrote it (truncated to 512 characters). */
  value: z.string(),
  /** The catalogue value that matched it. */
  matched: z.string(),
  format: z.string(),
  file: z.string(),
  line: z.number().int().optional(),
  record: z.number().int().optional(),
  locator: z.string().optional(),
  at: z.string().optional(),
  state: z.enum(["present", "removed"]).optional(),
  /** Network evidence: the kind of traffic the indicator stands for (update, ksn, activation…). */
  signal: z.string().optional(),
  /** Network evidence: the query went straight to a public resolver (the product's DNS fallback). */
  resolver: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A hit that did not become evidence, kept visible with the rule that set it aside (grype's ignoredMatches). */
export const Suppression = z.object({
  signature: z.string(),
  value: z.string(),
  by: z.string(),
  reason: z.string(),
  file: z.string(),
  line: z.number().int().optional(),
  record: z.number().int().optional(),
});
export type Suppression = z.infer<typeof Suppression>;

/** Declared from most to least pressing: the assessment and the reports rely on this order. */
export const AssessmentStatus = z.enum([
  "prohibited",
  "must-remove",
  "winding-down",
  "unsupported",
  "advised-removal",
  "exempt",
  "not-covered",
]);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

export const Assessment = z.object({
  regime: z.string(),
  profile: z.string(),
  status: AssessmentStatus,
  obligation: z.string(),
  deadline: z.string().optional(),
  citation: z.string(),
  milestone: z.string().optional(),
});
export type Assessment = z.infer<typeof Assessment>;

export const Finding = z.object({
  id: z.string(),
  host: z.string(),
  vendor: z.string(),
  product: z.string(),
  productName: z.string(),
  kind: z.string(),
  scope: z.enum(["covered", "exempt", "not-covered"]),
  class: FindingClass,
  confidence: Confidence,
  /** Why the confidence is what it is, in words. */
  basis: z.string(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  /** Set by network or inventory evidence of updates, KSN or activation after the BIS cut-off. */
  updateAfterCutoff: z.boolean().optional(),
  /** Counts per network signal kind (update, ksn, activation…), for `network` findings. */
  signals: z.record(z.string(), z.number()).optional(),
  engineOf: z.string().optional(),
  evidence: z.array(Evidence),
  suppressed: z.array(Suppression).optional(),
  assessments: z.array(Assessment),
});
export type Finding = z.infer<typeof Finding>;
