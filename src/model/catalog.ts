import { z } from "zod";
import { FieldName, Platform } from "./observation.js";

/**
 * Where a row comes from: a source id of the fact sheet's §6 (S1, S58a, S119b …), a public
 * repository (`repo:owner/name`), or, for rows the fact sheet marks unattributed, the fact-sheet
 * or research section itself (`facts:§3.1c`, `research:screening§1.4`); those rows carry
 * `confidence: low` unless they also cite a source.
 */
export const SourceId = z
  .string()
  .regex(
    /^(S\d+[a-z]?|repo:[\w.-]+\/[\w.-]+|facts:§\d+(\.\d+)*[a-z]?|research:[a-z-]+§[A-Z]?\d+(\.\d+)*)$/,
    "source id must look like S55, S63b, repo:owner/name, facts:§3.1c or research:screening§1.4",
  );

const Sourced = {
  sources: z.array(SourceId).min(1, "every catalogue row names at least one source"),
  /** `low`: unattributed or weak in the fact sheet; such evidence never makes a finding `confirmed`. */
  confidence: z.enum(["normal", "low"]).default("normal"),
  note: z.string().optional(),
};

export const MatchMode = z.enum([
  /** whole normalised value equal */
  "equals",
  "prefix",
  "suffix",
  "contains",
  /** the value's words appear consecutively among the field's words */
  "words",
  /** the field's words start with the value's words */
  "starts-with-words",
  /** `*` and `?` wildcards over the whole normalised value */
  "glob",
  /** checked at load: no nested quantifiers, no back-references, bounded input */
  "regex",
]);
export type MatchMode = z.infer<typeof MatchMode>;

export const Weight = z.enum(["authoritative", "strong", "weak"]);
export type Weight = z.infer<typeof Weight>;

export const Signature = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "signature ids are lower-case dotted words"),
    on: FieldName,
    match: MatchMode,
    values: z.array(z.string().min(1)).min(1),
    weight: Weight,
    /** Signatures shared by several products list them; the finding goes to the one present on the host. */
    products: z.array(z.string()).optional(),
    /** Product to report when a shared signature fires and none of `products` is otherwise present. */
    fallback: z.string().optional(),
    /** An exclusive hit claims its observation: other hits on the same record are suppressed. */
    exclusive: z.boolean().default(false),
    /** Literals one of which must occur in the raw value; required for `regex`, derived otherwise. */
    needles: z.array(z.string().min(2)).optional(),
    /** Fires only on records whose host is known to run one of these (a name that means another product elsewhere). */
    platforms: z.array(Platform).optional(),
    /** Values that must NOT be present in the same field for the signature to fire (normalised contains). */
    unless: z.array(z.string()).optional(),
    ...Sourced,
  })
  .strict();
export type Signature = z.infer<typeof Signature>;

export const Scope = z.enum(["covered", "exempt", "not-covered"]);
export type Scope = z.infer<typeof Scope>;

export const ProductKind = z.enum([
  /** Kaspersky-branded product */
  "product",
  /** third-party product with Kaspersky technology inside (white-label, OEM) */
  "oem",
  /** Kaspersky engine or SDK that others embed */
  "engine",
  /** service or subscription without an installed artifact (Threat Intelligence Portal…) */
  "service",
  /** evidence that Kaspersky was present, not Kaspersky itself (UltraAV after the Sept 2024 swap) */
  "indicator",
  /** Kaspersky-authored but not security software (Kaspresso) */
  "not-security",
]);
export type ProductKind = z.infer<typeof ProductKind>;

export const Family = z.enum([
  "consumer",
  "business-endpoint",
  "management",
  "server",
  "mail-gateway",
  "expert-xdr",
  "industrial-embedded",
  "mobile",
  "free-tools",
  "oem-sdk",
  "threat-intelligence",
  "developer",
  "indicator",
  "unidentified",
]);
export type Family = z.infer<typeof Family>;

const Year = z.number().int().min(1990).max(2100);

export const Product = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "product ids are kebab-case"),
    name: z.string(),
    /** Whose product it is; the Kaspersky technology inside an OEM product is named by `engineOf`. */
    vendor: z.string(),
    kind: ProductKind.default("product"),
    family: Family,
    platforms: z.array(Platform).min(1),
    scope: Scope,
    /** For OEM entries: whose engine is inside. */
    engineOf: z.string().optional(),
    abbreviations: z.array(z.string()).default([]),
    /** For OEM entries known to have used Kaspersky only in some years. */
    era: z.object({ from: Year, to: Year.optional() }).optional(),
    /** Caps the confidence of any finding of this product (weakly sourced OEM links). */
    maxConfidence: z.enum(["confirmed", "likely", "possible"]).optional(),
    signatures: z.array(Signature).default([]),
    ...Sourced,
  })
  .strict();
export type Product = z.infer<typeof Product>;

export const ProductFile = z.object({ family: Family.optional(), products: z.array(Product) }).strict();

export const SharedSignatureFile = z.object({ signatures: z.array(Signature) }).strict();

/** Not-Kaspersky products that a broad rule could mistake for one; their hits are exclusive. */
export const Guard = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    vendor: z.string(),
    reason: z.string(),
    signatures: z.array(Signature.omit({ exclusive: true, products: true, fallback: true })).min(1),
    ...Sourced,
  })
  .strict();
export type Guard = z.infer<typeof Guard>;
export const GuardFile = z.object({ guards: z.array(Guard) }).strict();

export const Script = z.enum(["latin", "cyrillic"]);

export const Entity = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    country: z.string().length(2).optional(),
    status: z.enum(["current", "former"]).default("current"),
    /** Other spellings of this same legal person, in any script. */
    aliases: z.array(z.object({ name: z.string(), script: Script.default("latin") })).default([]),
    /** Legal bases that name or reach this entity. */
    listings: z
      .array(z.object({ list: z.string(), citation: z.string(), effective: z.string().optional() }))
      .default([]),
    ...Sourced,
  })
  .strict();
export type Entity = z.infer<typeof Entity>;

export const VendorFile = z
  .object({
    vendor: z.object({
      id: z.string(),
      name: z.string(),
      /** Brand stems in any script: a publisher or supplier carrying one is at least `review`. */
      brandStems: z.array(z.string()).min(1),
      sources: z.array(SourceId).min(1),
    }),
    entities: z.array(Entity),
  })
  .strict();

export const Manifest = z
  .object({
    name: z.string(),
    /** Catalogue data version, independent of the tool version (SemVer). */
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    released: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    factSheet: z.string(),
    sources: z.record(z.string(), z.string()),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** Test cases kept beside the data: every signature has at least one hit and one near miss. */
export const CaseRecord = z
  .object({
    kind: z.string(),
    /** The host's platform, for rules gated to one. */
    platform: Platform.optional(),
    // partialRecord: zod 4's z.record over an enum key demands every key; a case names only its own fields
    fields: z.partialRecord(FieldName, z.string()),
    installDate: z.string().optional(),
    /** The client address, for network cases (KSC ports count only between internal addresses). */
    ip: z.string().optional(),
  })
  .strict();

export const Case = z
  .object({
    name: z.string(),
    record: CaseRecord,
    /** product ids expected; empty means nothing may be found */
    expect: z.array(z.string()),
    /** signature ids that must have fired (hits) or must not have fired (near misses) */
    fires: z.array(z.string()).default([]),
    silent: z.array(z.string()).default([]),
  })
  .strict();
export type Case = z.infer<typeof Case>;
export const CaseFile = z.object({ cases: z.array(Case) }).strict();

/** Kinds of traffic a network indicator stands for. */
export const NetworkSignal = z.enum([
  "update",
  "ksn",
  "activation",
  "download",
  "telemetry",
  "management",
  "web-visit",
  "interception",
]);
export type NetworkSignal = z.infer<typeof NetworkSignal>;

const NetworkRuleId = z.string().regex(/^net\.[a-z0-9][a-z0-9.-]*$/, "network rule ids start with net.");
const HostName = z
  .string()
  .regex(
    /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]+$/,
    "host names are lower-case labels, no trailing dot",
  );

/** Names matched by whole labels: the name itself (`exact`) or it and every name under it (`suffix`). */
export const NetworkHostRule = z
  .object({
    id: NetworkRuleId,
    signal: NetworkSignal.exclude(["interception", "management"]),
    match: z.enum(["exact", "suffix"]),
    hosts: z.array(HostName).min(1),
    /** Product the traffic names; default `kaspersky-unidentified`. */
    product: z.string().optional(),
    /** Default by signal: update, ksn, activation strong, others weak. */
    weight: z.enum(["strong", "weak"]).optional(),
    ...Sourced,
  })
  .strict();
export type NetworkHostRule = z.infer<typeof NetworkHostRule>;

/** Issuers of the certificates a product's HTTPS scanning re-signs traffic with. */
export const InterceptionRule = z
  .object({
    id: NetworkRuleId,
    issuers: z.array(z.string().min(8)).min(1),
    product: z.string().optional(),
    ...Sourced,
  })
  .strict();
export type InterceptionRule = z.infer<typeof InterceptionRule>;

/** A Kaspersky Security Center port; `report` names the end that is the Kaspersky host to report. */
export const KscPortRule = z
  .object({
    id: NetworkRuleId,
    proto: z.enum(["tcp", "udp"]),
    port: z.number().int().min(1).max(65535),
    report: z.enum(["responder", "originator"]),
    product: z.string(),
    role: z.string(),
    ...Sourced,
  })
  .strict();
export type KscPortRule = z.infer<typeof KscPortRule>;

export const NetworkFile = z
  .object({
    /** The instant from which update, KSN and activation traffic is reported as after the cut-off. */
    cutoff: z
      .object({
        at: z.iso.datetime({ offset: true }),
        signals: z.array(NetworkSignal).min(1),
        sources: z.array(SourceId).min(1),
      })
      .strict(),
    hosts: z.array(NetworkHostRule),
    interception: z.array(InterceptionRule).default([]),
    ksc: z.array(KscPortRule).default([]),
    resolverFallback: z
      .object({ id: NetworkRuleId, resolvers: z.array(z.string()).min(1), ...Sourced })
      .strict()
      .optional(),
  })
  .strict();
export type NetworkCatalog = z.infer<typeof NetworkFile>;
