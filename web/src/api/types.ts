/**
 * The shapes the HTTP API answers with (see /api/v1/openapi.json). Written out here rather than
 * imported from the server: the dashboard talks to the API only and builds on its own.
 */

export const ROLES = ["admin", "analyst", "viewer", "ingest"] as const;
export type Role = (typeof ROLES)[number];

export const HOST_STATUSES = ["affected", "waived", "resolved", "clean"] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

export const ITEM_STATES = [
  "open",
  "assigned",
  "removal-scheduled",
  "verified-absent",
  "closed",
  "waived",
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const FINDING_CLASSES = ["installed", "integrated", "network", "historical"] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

export interface Page<T> {
  items: T[];
  next: string | null;
  total: number;
}

export interface HostRow {
  key: string;
  kind: string;
  names: string[];
  ips: string[];
  deviceIds: string[];
  platforms: string[];
  sources: string[];
  seenIn: string[];
  products: string[];
  site: string | null;
  owner: string | null;
  status: HostStatus;
  records: number;
  findings: number;
  openItems: number;
  firstSeen: string;
  lastSeen: string;
  lastInventory: string | null;
}

export interface Evidence {
  signature: string;
  weight: string;
  field: string;
  value: string;
  matched: string;
  format: string;
  file: string;
  line?: number;
  record?: number;
  locator?: string;
  at?: string;
  state?: string;
  signal?: string;
  resolver?: string;
}

export interface Assessment {
  regime: string;
  profile: string;
  status: string;
  obligation: string;
  deadline?: string;
  citation: string;
  milestone?: string;
}

export interface Finding {
  id: string;
  host: string;
  vendor: string;
  product: string;
  productName: string;
  kind: string;
  scope: string;
  class: FindingClass;
  confidence: string;
  basis: string;
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: Evidence[];
  assessments: Assessment[];
  firstObserved: string;
  lastObserved: string;
  evidenceTotal: number;
}

export interface ItemRow {
  id: string;
  host: string;
  site: string | null;
  product: string;
  productName: string;
  class: string;
  confidence: string;
  state: ItemState;
  owner: string | null;
  due: string | null;
  defaultDue: string | null;
  overdue: boolean;
  scheduledFor: string | null;
  waiver: { reason: string; by: string; until: string } | null;
  note: string | null;
  lastSeen: string;
  verifiedAt: string | null;
  verifiedBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ItemEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string;
  owner: string | null;
  reason: string | null;
}

export interface HostObservation {
  inputId: number;
  file: string;
  format: string;
  role: string;
  observedAt: string;
  records: number;
  sources: string[];
}

export interface HostDetail {
  host: HostRow & { aliases?: string[] };
  findings: Finding[];
  items: ItemRow[];
  observations: HostObservation[];
}

export interface CampaignSummary {
  states: Partial<Record<ItemState, number>>;
  overdue: number;
}

export interface Burndown {
  from: string;
  to: string;
  by: string;
  days: string[];
  series: { key: string; counts: number[] }[];
  open: number[];
}

export interface CatalogInfo {
  name: string;
  version: string;
  digest: string;
  products: number;
  regimes: string[];
  profiles: string[];
  defaultProfiles: string[];
  formats: { id: string; title: string; category: string }[];
}

export interface InputIssue {
  file: string;
  line?: number;
  record?: number;
  code: string;
  message: string;
  severity?: "error" | "warning" | "info";
}

export interface IngestSummary {
  status: "ingested" | "duplicate" | "unreadable";
  input: {
    id: number | null;
    file: string;
    format: string;
    digest: string;
    bytes: number;
    encoding: string;
    records: number;
    issues: number;
    role: string;
    observedAt: string | null;
    site: string | null;
  };
  hosts: { seen: number; new: number };
  findings: { seen: number; new: number };
  items: { opened: number; reopened: number; verified: number };
  issues: InputIssue[];
}
