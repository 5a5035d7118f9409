import { closeSync, openSync, readSync } from "node:fs";
import type { Catalog } from "../catalog/load.js";
import { TextInput } from "../importers/input/text-input.js";
import { pickImporter } from "../importers/sniff.js";
import type { Importer, ImportOptions, ObservationSink } from "../importers/types.js";
import { FindingCollector } from "../match/findings.js";
import { HostRegistry } from "../match/hosts.js";
import { Matcher } from "../match/matcher.js";
import { CONFIDENCE_RANK, type Confidence, type Finding } from "../model/finding.js";
import { FileFollower, type FollowChunk, lastLineEnd, lastXmlEventEnd } from "./follow.js";
import { emptyState, type WatchState } from "./state.js";

/** Why a finding is printed: first seen, its confidence rose, or traffic after the cut-off appeared. */
export type WatchEventKind = "new" | "upgraded" | "after-cutoff";

export interface WatchEvent {
  event: WatchEventKind;
  /** When offramp noticed (not when the traffic happened: that is the finding's lastSeen). */
  noticed: string;
  file: string;
  finding: Finding;
}

export interface WatcherOptions {
  importers: readonly Importer[];
  /** Force one importer for every path instead of sniffing each file's head. */
  format?: string;
  importOptions?: ImportOptions;
  /** Read what a file already holds when no state says where to resume (default: from its end). */
  fromStart?: boolean;
  now?: () => Date;
  /** Problems with the input (bad records, unknown formats), one line each. */
  onIssue?: (message: string) => void;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Lines a format needs to read a later part of its file: Zeek's `#` header (columns by name). They
 * are kept from the file as it is read and put in front of each later chunk.
 */
const CONTEXT: Record<string, (line: string) => boolean> = {
  zeek: (line) => line.startsWith("#"),
};

/** Where a format's records may be cut: XML events span lines. */
function recordEnd(format: string | undefined, head: string): (data: Buffer) => number {
  return format === "sysmon-dns" && head.includes("<Event") ? lastXmlEventEnd : lastLineEnd;
}

interface Followed {
  follower: FileFollower;
  importer?: Importer;
  context: string[];
}

/**
 * `offramp watch`: follows files, reads each new chunk with its importer into one long-lived
 * matcher and finding collector, and reports findings that are new, stronger, or newly after the
 * cut-off. The state (read positions, header context, announced findings) is the caller's to save.
 */
export class Watcher {
  private readonly matcher: Matcher;
  private readonly hosts = new HostRegistry();
  private readonly collector: FindingCollector;
  private readonly files = new Map<string, Followed>();
  private readonly reported = new Set<string>();

  constructor(
    catalog: Catalog,
    paths: readonly string[],
    readonly state: WatchState = emptyState(),
    private readonly options: WatcherOptions,
  ) {
    this.matcher = new Matcher(catalog);
    this.collector = new FindingCollector(this.matcher, this.hosts);
    for (const path of paths) {
      const saved = state.files[path];
      this.files.set(path, {
        follower: new FileFollower(path, saved?.position, options.fromStart ?? false),
        context: saved?.context ?? [],
        ...(saved?.format && { importer: this.byId(saved.format) }),
      });
    }
  }

  private byId(id: string): Importer | undefined {
    return this.options.importers.find((i) => i.id === id);
  }

  private issueOnce(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.onIssue?.(message);
  }

  /** The head of the file, from its start, whatever the read position: for sniffing and context. */
  private head(path: string): string {
    try {
      const fd = openSync(path, "r");
      try {
        const buf = Buffer.alloc(HEAD_BYTES);
        const n = readSync(fd, buf, 0, buf.length, 0);
        return buf.subarray(0, n).toString("utf8");
      } finally {
        closeSync(fd);
      }
    } catch {
      return "";
    }
  }

  private prepare(path: string, f: Followed): boolean {
    if (f.importer) return true;
    const head = this.head(path);
    if (head.trim().length === 0) return false;
    const forced = this.options.format;
    const importer = forced ? this.byId(forced) : pickImporter(this.options.importers, head)?.importer;
    if (!importer) {
      this.issueOnce(`${path}:format`, `${path}: not a format offramp reads (see \`offramp formats\`)`);
      return false;
    }
    if (head.startsWith("\u001f\u008b") || head.charCodeAt(0) === 0x1f) {
      this.issueOnce(`${path}:gzip`, `${path}: compressed files do not grow; use offramp scan`);
      return false;
    }
    f.importer = importer;
    const keep = CONTEXT[importer.id];
    if (keep && f.context.length === 0)
      f.context = head.split(/\r?\n/).filter((l, i, all) => keep(l) && i < all.length - 1);
    f.follower.recordEnd = recordEnd(importer.id, head);
    return true;
  }

  /** Reads whatever every file gained since the last poll; returns the findings worth reporting. */
  async poll(): Promise<WatchEvent[]> {
    const touched = new Map<string, string>();
    for (const [path, f] of this.files) {
      if (!this.prepare(path, f)) continue;
      for (const chunk of f.follower.poll()) {
        if (chunk.event) {
          this.options.onIssue?.(`${path}: file ${chunk.event}; reading it from the start`);
          f.context = [];
          if (chunk.event === "rotated") {
            f.importer = undefined;
            if (!this.prepare(path, f)) break;
          }
        }
        if (chunk.data.length > 0) await this.read(path, f, chunk, touched);
      }
      const pos = f.follower.position;
      if (pos)
        this.state.files[path] = {
          position: { ...pos },
          context: f.context,
          ...(f.importer && { format: f.importer.id }),
        };
    }
    return this.announce(touched);
  }

  private async read(
    path: string,
    f: Followed,
    chunk: FollowChunk,
    touched: Map<string, string>,
  ): Promise<void> {
    const importer = f.importer!;
    const keep = CONTEXT[importer.id];
    const text = chunk.data.toString("utf8");
    if (keep) {
      const lines = text.split(/\r?\n/);
      const headers = lines.filter(keep);
      if (headers.length > 0)
        f.context = headers.some((h) => h.startsWith("#separator")) ? headers : [...f.context, ...headers];
    }
    const prefix = keep && f.context.length > 0 ? `${f.context.join("\n")}\n` : "";
    const shift = chunk.firstLine - 1 - (prefix ? f.context.length : 0);
    const input = TextInput.fromBuffer(path, prefix + text);
    const hosts = this.hosts;
    const collector = this.collector;
    const sink: ObservationSink = {
      prefilter: this.matcher.prefilter,
      network: this.matcher.network,
      observe(obs) {
        if (obs.origin.line !== undefined) obs.origin.line += shift;
        collector.add(obs, hosts.touch(obs.host, obs.origin.format, importer.category));
        touched.set(obs.origin.format, path);
      },
      seen: () => {},
      record: () => {},
      issue: (i) => {
        if (i.severity === "info") return;
        this.issueOnce(
          `${path}:${i.code}`,
          `${path}${i.line ? `:${i.line + shift}` : ""}: ${i.code}: ${i.message}`,
        );
      },
    };
    await input.peek();
    await importer.parse({ input, sink, options: this.options.importOptions ?? {}, file: path });
    await input.drain();
  }

  private announce(touched: Map<string, string>): WatchEvent[] {
    if (touched.size === 0) return [];
    const noticed = (this.options.now?.() ?? new Date()).toISOString();
    const events: WatchEvent[] = [];
    for (const finding of this.collector.finish().findings) {
      const before = this.state.announced[finding.id];
      const after = finding.updateAfterCutoff === true;
      let event: WatchEventKind | undefined;
      if (!before) event = "new";
      else if (CONFIDENCE_RANK[finding.confidence] > CONFIDENCE_RANK[before.confidence as Confidence])
        event = "upgraded";
      else if (after && !before.afterCutoff) event = "after-cutoff";
      if (!event) continue;
      this.state.announced[finding.id] = {
        confidence: finding.confidence,
        afterCutoff: after || (before?.afterCutoff ?? false),
      };
      const file = finding.evidence[0]?.file ?? [...touched.values()][0]!;
      events.push({ event, noticed, file, finding });
    }
    return events;
  }

  close(): void {
    for (const f of this.files.values()) f.follower.close();
  }
}
