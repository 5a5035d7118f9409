import type { NeedleScanner } from "../catalog/needle-scanner.js";
import type { InputIssue } from "../model/issue.js";
import type { HostRef, Observation, Platform } from "../model/observation.js";
import type { TextInput } from "./input/text-input.js";

/** Options the user gave that some importers need. */
export interface ImportOptions {
  /** Host to use when the input names none (a `.reg` export, a `system_profiler` dump). */
  host?: string;
  /** `--map column=field` for CSV inventories with unknown headers. */
  map?: Record<string, string>;
  /** Year for syslog-style timestamps that carry none. */
  year?: number;
}

/**
 * Cheap, sound tests network importers run before they build an observation, so a log line that
 * cannot match costs no objects. Implemented by the matcher from the catalogue's network rules.
 */
export interface NetworkFilter {
  /** Fails only for text that cannot hold a name or certificate issuer any rule matches. */
  readonly text: RegExp;
  /** A name (raw: any case, trailing dot allowed) that ends in a rule name on a label boundary. */
  mayMatchName(name: string): boolean;
  /** A port the catalogue lists for Kaspersky Security Center (`proto` tcp or udp, any case). */
  kscPort(proto: string, port: number): boolean;
  /** Host rules as plain data, for scanners that rebuild the index in worker threads. */
  readonly domainEntries: readonly { host: string; mode: "exact" | "suffix"; rule: number }[];
}

/** Where an importer sends what it reads. */
export interface ObservationSink {
  /** One normalised fact; matching happens behind this call. */
  observe(obs: Observation): void;
  /** A record for a host that carried nothing worth matching (it failed the pre-filter). */
  seen(host: HostRef, publisher?: string): void;
  /**
   * `seen` for a host known only by name, without building a HostRef: the hot path of large exports.
   * The record's publisher, when the importer read it, goes to supplier screening.
   */
  seenName?(name: string, platform?: Platform, publisher?: string): void;
  /** A record was read (good or bad): the input summary counts them. */
  record(count?: number): void;
  /** A bad record: file and line, then reading goes on. */
  issue(
    issue: Omit<InputIssue, "file" | "severity"> & { file?: string; severity?: InputIssue["severity"] },
  ): void;
  /**
   * Sound literal pre-filter over raw record text: a record whose text fails it cannot match any
   * rule, so an importer may count its host with `seen` and skip building the observation.
   */
  readonly prefilter: RegExp;
  /** The same pre-filter as an automaton: `candidates(text, from, to)` finds lines that may match. */
  readonly needles?: NeedleScanner;
  /** Pre-tests for DNS, TLS, HTTP and flow records (see NetworkFilter); absent means test nothing. */
  readonly network?: NetworkFilter;
}

export interface ImportContext {
  input: TextInput;
  sink: ObservationSink;
  options: ImportOptions;
  /** Input name as the user gave it, for origins and issues. */
  file: string;
}

export interface Importer {
  /** Stable id, used in `--format`, origins and reports: `osquery`, `csv-inventory`… */
  readonly id: string;
  readonly title: string;
  /** What the input describes: installed software, traffic, or what a product is built from. Default inventory. */
  readonly category: "inventory" | "network" | "sbom";
  /**
   * How sure the importer is that this text is its format, from the first bytes only (0 = not
   * mine, 1 = certain). The registry picks the highest score; ties are a bug caught by tests.
   */
  sniff(head: string): number;
  parse(ctx: ImportContext): Promise<void>;
}
