import { isIp } from "../../match/hosts.js";
import { byText } from "../../match/order.js";
import type { HostRef, Observation, ObservationFields, ObservationKind } from "../../model/observation.js";
import type { ImportContext, NetworkFilter } from "../types.js";

/** Tests nothing: used when a sink offers no network pre-filter (the matcher still decides). */
export const PASS_ALL: NetworkFilter = {
  text: /(?:)/,
  mayMatchName: () => true,
  kscPort: () => true,
  domainEntries: [],
};

export function networkFilter(ctx: ImportContext): NetworkFilter {
  return ctx.sink.network ?? PASS_ALL;
}

/** The client of a record: an address, or a host name where the log gives one instead. */
export function clientRef(client: string, name?: string): HostRef {
  const c = client.trim();
  const ref: HostRef = isIp(c) ? { ip: c.toLowerCase() } : { name: c };
  if (name && name !== "-" && ref.ip) ref.name = name;
  return ref;
}

export interface NetworkRecord {
  kind: Extract<ObservationKind, "dns" | "tls" | "http" | "flow">;
  host: HostRef;
  fields: ObservationFields;
  line?: number;
  record?: number;
  at?: string;
  locator?: string;
}

/** One network observation with its origin; only matching records ever become one. */
export function networkObservation(ctx: ImportContext, format: string, r: NetworkRecord): Observation {
  return {
    host: r.host,
    kind: r.kind,
    fields: r.fields,
    origin: {
      format,
      file: ctx.file,
      ...(r.line !== undefined && { line: r.line }),
      ...(r.record !== undefined && { record: r.record }),
      ...(r.locator !== undefined && { locator: r.locator }),
    },
    ...(r.at !== undefined && { at: r.at }),
  };
}

/**
 * Lines a log holds that are not records offramp reads (other categories, other events): counted
 * per reason and reported once per file as an info issue, never dropped silently.
 */
export class SkipCounter {
  private readonly counts = new Map<string, { n: number; first: number }>();

  add(reason: string, line: number): void {
    const c = this.counts.get(reason);
    if (c) c.n++;
    else this.counts.set(reason, { n: 1, first: line });
  }

  report(ctx: ImportContext): void {
    for (const [reason, { n, first }] of [...this.counts].sort(([a], [b]) => byText(a, b))) {
      ctx.sink.issue({
        code: "skipped",
        severity: "info",
        line: first,
        message: `${n} line(s) ${reason} (first at line ${first}); not read`,
      });
    }
  }
}
