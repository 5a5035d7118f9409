import { z } from "zod";

/**
 * What an observation is about. `registry` is not in the first design sketch: `.reg` exports and
 * registry listings carry keys (KasperskyLab\protected\AVP…) that are evidence in their own right.
 */
export const ObservationKind = z.enum([
  "software",
  "service",
  "driver",
  "process",
  "file",
  "registry",
  "extension",
  "package",
  "certificate",
  "dns",
  "tls",
  "flow",
  "http",
  "supplier",
]);
export type ObservationKind = z.infer<typeof ObservationKind>;

/**
 * Canonical field names. Importers map their format's columns onto these; catalogue signatures
 * name the field they test (`on:`), so no rule ever knows an input format.
 */
export const FieldName = z.enum([
  "name",
  "publisher",
  "version",
  "path",
  "service",
  "driver",
  "process",
  "registry",
  "productCode",
  "bundleId",
  "package",
  "extensionId",
  "certificate",
  "cpe",
  "purl",
  "text",
  "installDate",
  /** Network logs: the name a client asked for (DNS query, TLS SNI, HTTP host). */
  "domain",
  /** Network logs: the far end of a connection, its port and transport (tcp, udp). */
  "dstIp",
  "dstPort",
  "proto",
  /** Network logs: the DNS server a query was sent to. */
  "resolver",
  /** Network logs: issuer of the certificate a TLS server presented. */
  "issuer",
]);
export type FieldName = z.infer<typeof FieldName>;
export const FIELD_NAMES: readonly FieldName[] = FieldName.options;

export const Platform = z.enum([
  "windows",
  "windows-server",
  "macos",
  "linux",
  "android",
  "ios",
  "network-device",
  "unknown",
]);
export type Platform = z.infer<typeof Platform>;

/** How an input names the machine or asset a record belongs to. Any subset may be known. */
export const HostRef = z.object({
  /** Host name as written by the source (short or fully qualified). */
  name: z.string().optional(),
  ip: z.string().optional(),
  /** Stable device identifier: osquery host_uuid, Intune device id, SCCM ResourceID, Jamf serial… */
  id: z.string().optional(),
  /** `asset` is a product or image described by an SBOM rather than a machine. */
  kind: z.enum(["host", "asset"]).default("host"),
  platform: Platform.optional(),
  os: z.string().optional(),
});
export type HostRef = z.input<typeof HostRef>;

export const Origin = z.object({
  /** Importer id, e.g. `osquery`, `csv-inventory`. */
  format: z.string(),
  /** Input as the user named it. */
  file: z.string(),
  /** 1-based physical line where the record starts, when the format is line-oriented. */
  line: z.number().int().positive().optional(),
  /** 1-based record number within the file, when lines do not identify records. */
  record: z.number().int().positive().optional(),
  /** Where in the record the values came from (query name, table, JSON path…). */
  locator: z.string().optional(),
});
export type Origin = z.infer<typeof Origin>;

export type ObservationFields = Partial<Record<FieldName, string>>;

export interface Observation {
  host: HostRef;
  kind: ObservationKind;
  fields: ObservationFields;
  origin: Origin;
  /** When the source says the fact held (UTC ISO 8601). */
  at?: string;
  /** `removed`: the source reports the item was present and is gone (osquery differential logs). */
  state?: "present" | "removed";
  /** SBOM subject: the observation is a component inside the asset, not something installed on a host. */
  embedded?: boolean;
}
