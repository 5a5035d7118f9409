import type { Catalog } from "../catalog/load.js";
import type { TextInput } from "../importers/input/text-input.js";
import { pickImporter } from "../importers/sniff.js";
import type { Importer, ImportOptions, ObservationSink } from "../importers/types.js";
import { FindingCollector, type SuppressedEntry } from "../match/findings.js";
import { HostRegistry } from "../match/hosts.js";
import { Matcher } from "../match/matcher.js";
import { byText } from "../match/order.js";
import type { Finding } from "../model/finding.js";
import type { InputIssue } from "../model/issue.js";
import type { HostSummary, InputSummary } from "../model/report.js";
import { PartyCollector } from "./parties.js";

/** Issues listed per input before the rest are only counted. */
export const MAX_LISTED_ISSUES = 100;

export interface ScanInput {
  name: string;
  open: () => TextInput;
}

export interface ScanOptions {
  importers: readonly Importer[];
  /** Force one importer instead of sniffing. */
  format?: string;
  importOptions?: ImportOptions;
  onInput?: (name: string, index: number, total: number) => void;
  onProgress?: (bytes: number) => void;
  /**
   * Let an input's digest arrive after its records (the network fast path hashes a large file in
   * its own thread): the summary gets it when `digests()` resolves. Otherwise `add` waits for it.
   */
  deferDigests?: boolean;
}

export interface ScanResult {
  inputs: InputSummary[];
  hosts: HostSummary[];
  findings: Finding[];
  suppressed: SuppressedEntry[];
  issues: InputIssue[];
}

/** Reads every input through its importer and resolves what matched into findings. */
export class Scanner {
  private readonly late: Promise<void>[] = [];
  readonly matcher: Matcher;
  readonly hosts = new HostRegistry();
  /** Publishers and signers met, for supplier screening after the scan. */
  readonly parties = new PartyCollector();
  private readonly collector: FindingCollector;
  private readonly inputs: InputSummary[] = [];
  private readonly issues: InputIssue[] = [];

  constructor(
    catalog: Catalog,
    private readonly options: ScanOptions,
  ) {
    this.matcher = new Matcher(catalog);
    this.collector = new FindingCollector(this.matcher, this.hosts);
  }

  async add(input: ScanInput): Promise<InputSummary> {
    const text = input.open();
    const file = input.name;
    let records = 0;
    let issueCount = 0;
    let notes = 0;
    const issues = this.issues;
    const hosts = this.hosts;
    const collector = this.collector;
    const parties = this.parties;
    let importer: Importer | undefined;
    const sink: ObservationSink = {
      prefilter: this.matcher.prefilter,
      needles: this.matcher.scanner,
      network: this.matcher.network,
      observe(obs) {
        const sighting = hosts.touch(obs.host, obs.origin.format, importer?.category);
        collector.add(obs, sighting);
        if (obs.fields.publisher) parties.add(obs.fields.publisher, "publisher", sighting);
        if (obs.fields.certificate) parties.add(obs.fields.certificate, "certificate", sighting);
      },
      seen(host, publisher) {
        const sighting = hosts.touch(host, importer?.id ?? "unknown", importer?.category);
        if (publisher) parties.add(publisher, "publisher", sighting);
      },
      seenName(name, platform, publisher) {
        hosts.touchName(name, importer?.id ?? "unknown", importer?.category ?? "inventory", platform);
        if (publisher) parties.add(publisher, "publisher", name);
      },
      record(count = 1) {
        records += count;
      },
      issue(i) {
        const severity = i.severity ?? "error";
        // notes (what was read how, what was skipped as irrelevant) are listed but are not bad records
        if (severity === "info") {
          if (notes++ < MAX_LISTED_ISSUES) issues.push({ ...i, severity, file: i.file ?? file });
          return;
        }
        issueCount++;
        if (issueCount <= MAX_LISTED_ISSUES) issues.push({ ...i, severity, file: i.file ?? file });
      },
    };
    try {
      const head = await text.peek();
      if (this.options.format) {
        importer = this.options.importers.find((i) => i.id === this.options.format);
        if (!importer) throw new Error(`unknown input format ${this.options.format}`);
      } else {
        importer = pickImporter(this.options.importers, head)?.importer;
      }
      if (!importer) {
        sink.issue({ code: "unknown-format", message: "not a format offramp reads (see `offramp formats`)" });
      } else {
        await importer.parse({ input: text, sink, options: this.options.importOptions ?? {}, file });
      }
      await text.drain();
    } catch (e) {
      sink.issue({ code: "read-failed", message: (e as Error).message });
      try {
        await text.drain();
      } catch {
        // the error above already says the input could not be read
      }
    }
    if (issueCount > MAX_LISTED_ISSUES) {
      issues.push({
        file,
        code: "more-issues",
        message: `${issueCount - MAX_LISTED_ISSUES} further bad records not listed`,
        severity: "error",
      });
    }
    let digest = "";
    let bytes = text.bytes;
    const later = text.pendingDigest;
    if (!later) {
      try {
        digest = text.digest;
      } catch {
        digest = "";
      }
    } else if (!this.options.deferDigests) {
      ({ digest, bytes } = await later.catch(() => ({ digest: "", bytes })));
    }
    const summary: InputSummary = {
      file,
      format: importer?.id ?? "unknown",
      digest,
      bytes,
      encoding: text.encoding,
      records,
      issues: issueCount,
    };
    if (later && this.options.deferDigests)
      this.late.push(
        later.then(
          (d) => {
            summary.digest = d.digest;
            summary.bytes = d.bytes;
          },
          () => {
            summary.digest = "";
          },
        ),
      );
    this.inputs.push(summary);
    return summary;
  }

  /** Resolves when every deferred digest is in its input's summary (see `deferDigests`). */
  async digests(): Promise<void> {
    await Promise.all(this.late.splice(0));
  }

  finish(): ScanResult {
    const { findings, suppressed } = this.collector.finish();
    const perHost = new Map<string, number>();
    for (const f of findings) perHost.set(f.host, (perHost.get(f.host) ?? 0) + 1);
    const hosts = this.hosts.hosts();
    for (const h of hosts) h.findings = perHost.get(h.id) ?? 0;
    const inputs = [...this.inputs].sort((a, b) => byText(a.file, b.file));
    const issues = [...this.issues].sort(
      (a, b) => byText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.record ?? 0) - (b.record ?? 0),
    );
    return { inputs, hosts, findings, suppressed, issues };
  }
}
