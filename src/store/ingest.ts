import { assessFindings } from "../assess/assess.js";
import type { Catalog } from "../catalog/load.js";
import type { Importer, ImportOptions } from "../importers/types.js";
import { type ScanInput, Scanner } from "../scan/run.js";
import { writeInput } from "./ingest-write.js";
import type { Store } from "./store.js";
import type { IngestSummary, InputRole, ScannedInput } from "./types.js";

export interface IngestContext {
  store: Store;
  catalog: Catalog;
  importers: readonly Importer[];
  /** Regime profiles whose deadlines give new items their default due date. */
  profiles: string[];
}

export interface IngestRequest {
  input: ScanInput;
  actor: string;
  now: Date;
  /** When the export describes the estate; defaults to `now`. */
  observedAt?: Date;
  site?: string;
  /** Force an importer instead of sniffing. */
  format?: string;
  importOptions?: ImportOptions;
  /** Called when scanning is done and the transaction starts (progress output). */
  onWrite?: () => void;
}

/** Codes of input issues that mean the bytes were not all read: such an input is never stored. */
const UNREADABLE = new Set(["read-failed", "unknown-format"]);

/**
 * Scans one input exactly as `offramp scan` does, then writes it in one transaction: a crash
 * anywhere leaves the workspace as it was, and the same bytes twice change nothing.
 */
export async function ingestInput(ctx: IngestContext, req: IngestRequest): Promise<IngestSummary> {
  const scanner = new Scanner(ctx.catalog, {
    importers: ctx.importers,
    ...(req.format && { format: req.format }),
    ...(req.importOptions && { importOptions: req.importOptions }),
  });
  const summary = await scanner.add(req.input);
  const scan = scanner.finish();
  const role: InputRole = ctx.importers.find((i) => i.id === summary.format)?.category ?? "inventory";
  const observedAt = req.observedAt ?? req.now;
  if (scan.issues.some((i) => UNREADABLE.has(i.code)) || !summary.digest) {
    return {
      status: "unreadable",
      input: { ...summary, id: null, role, observedAt: null, site: req.site ?? null },
      hosts: { seen: 0, new: 0 },
      findings: { seen: 0, new: 0 },
      items: { opened: 0, reopened: 0, verified: 0 },
      issues: scan.issues,
    };
  }
  const findings = assessFindings(scan.findings, {
    regimes: ctx.catalog.regimes.regimes,
    profiles: ctx.profiles,
    asOf: observedAt.toISOString(),
    products: ctx.catalog.products,
    hostPlatforms: new Map(scan.hosts.map((h) => [h.id, h.platforms])),
  });
  const scanned: ScannedInput = {
    summary,
    role,
    hosts: scan.hosts,
    findings,
    suppressed: scan.suppressed,
    issues: scan.issues,
  };
  req.onWrite?.();
  const result = await ctx.store.db.transaction((tx) =>
    writeInput(tx, scanned, {
      actor: req.actor,
      observedAt,
      now: req.now,
      ...(req.site && { site: req.site }),
      catalogVersion: ctx.catalog.manifest.version,
    }),
  );
  if (result.status === "ingested") await ctx.store.afterBulkWrite(result.hosts.seen + result.findings.seen);
  return result;
}
