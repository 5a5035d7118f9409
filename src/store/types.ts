import type { ItemState } from "../assess/campaign.js";
import type { SuppressedEntry } from "../match/findings.js";
import type { Finding } from "../model/finding.js";
import type { InputIssue } from "../model/issue.js";
import type { HostSummary, InputSummary } from "../model/report.js";

export type InputRole = "inventory" | "network" | "sbom";

/** One input after scanning, ready to be written in one transaction. */
export interface ScannedInput {
  summary: InputSummary;
  role: InputRole;
  hosts: HostSummary[];
  findings: Finding[];
  suppressed: SuppressedEntry[];
  issues: InputIssue[];
}

export interface WriteMeta {
  /** Who ingested: a token name, `cli:<user>`. */
  actor: string;
  /** When the export describes the estate (defaults to now): the date of this observation. */
  observedAt: Date;
  now: Date;
  site?: string;
  catalogVersion: string;
}

export interface IngestSummary {
  status: "ingested" | "duplicate" | "unreadable";
  input: InputSummary & {
    id: number | null;
    role: InputRole;
    observedAt: string | null;
    site: string | null;
  };
  hosts: { seen: number; new: number };
  findings: { seen: number; new: number };
  items: { opened: number; reopened: number; verified: number };
  issues: InputIssue[];
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
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

/** `affected`: work left; `waived`: only waived items; `resolved`: every item verified or closed; `clean`: none. */
export const HOST_STATUSES = ["affected", "waived", "resolved", "clean"] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

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

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}
