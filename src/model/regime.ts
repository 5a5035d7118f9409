import { z } from "zod";
import { Family, ProductKind, Scope, SourceId } from "./catalog.js";
import { AssessmentStatus, FindingClass } from "./finding.js";
import { Platform } from "./observation.js";

/** An exact instant with its zone: 2024-09-29T00:00:00-04:00. Dates without a zone are refused. */
export const Instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/,
    "an instant with its zone, e.g. 2024-09-29T00:00:00-04:00",
  );

export const ProfileId = z.enum([
  "us-private",
  "us-reseller",
  "us-federal-agency",
  "us-federal-contractor",
  "fcc-usf",
  "de",
  "nl",
  "lt-critical",
  "uk-gov",
  "ca-gov",
  "au-gov",
]);
export type ProfileId = z.infer<typeof ProfileId>;

/** A deadline counted in business days from the day the finding was discovered. */
export const BusinessDays = z
  .object({ businessDays: z.number().int().positive(), calendar: z.literal("us-federal") })
  .strict();

export const Phase = z
  .object({
    /** The phase holds from this instant (inclusive); open at the start when absent. */
    from: Instant.optional(),
    /** …until this instant (exclusive); open at the end when absent. */
    until: Instant.optional(),
    status: AssessmentStatus,
    deadline: z.union([Instant, BusinessDays]).optional(),
    /** A second, later business-day deadline stated in the obligation ({deadline2}). */
    deadline2: BusinessDays.optional(),
    /** One sentence a person can act on; {product}, {host}, {deadline}, {deadline2} are filled in. */
    obligation: z.string().min(10),
    milestone: z.string().optional(),
  })
  .strict();
export type Phase = z.infer<typeof Phase>;

export const RuleWhen = z
  .object({
    profiles: z.array(ProfileId).min(1),
    scope: z.array(Scope).optional(),
    class: z.array(FindingClass).optional(),
    kind: z.array(ProductKind).optional(),
    family: z.array(Family).optional(),
    /** Host platform (or, when unknown, every platform the product runs on) must be among these. */
    platform: z.array(Platform).optional(),
    updateAfterCutoff: z.boolean().optional(),
  })
  .strict();

export const Rule = z.object({ when: RuleWhen, phases: z.array(Phase).min(1) }).strict();
export type Rule = z.infer<typeof Rule>;

export const Regime = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    jurisdiction: z.string(),
    /** `binding` law or directive, or `guidance` that advises. */
    force: z.enum(["binding", "guidance"]),
    /** Whom it reaches, in words, for reports. */
    reaches: z.string(),
    citations: z
      .array(z.object({ from: Instant.optional(), until: Instant.optional(), text: z.string() }).strict())
      .min(1),
    milestones: z
      .array(
        z
          .object({ id: z.string(), at: Instant, label: z.string(), sources: z.array(SourceId).min(1) })
          .strict(),
      )
      .default([]),
    /** First matching rule wins, per profile. No rule: the regime does not speak to the finding. */
    rules: z.array(Rule).default([]),
    sources: z.array(SourceId).min(1),
    note: z.string().optional(),
  })
  .strict();
export type Regime = z.infer<typeof Regime>;

export const ProfileFile = z
  .object({
    profiles: z.array(z.object({ id: ProfileId, name: z.string(), description: z.string() }).strict()),
  })
  .strict();

export const AlternativesFile = z
  .object({
    /** Vendor-neutral guidance first, then named products, per platform. */
    platforms: z.array(
      z
        .object({
          platform: Platform,
          guidance: z.array(z.string()).min(1),
          products: z
            .array(
              z
                .object({
                  name: z.string(),
                  vendor: z.string(),
                  category: z.string(),
                  note: z.string().optional(),
                  sources: z.array(z.object({ title: z.string(), url: z.string().url() }).strict()).min(1),
                })
                .strict(),
            )
            .default([]),
        })
        .strict(),
    ),
    sources: z.array(SourceId).min(1),
  })
  .strict();
export type Alternatives = z.infer<typeof AlternativesFile>;
