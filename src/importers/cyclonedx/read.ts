import type { ObservationSink } from "../types.js";
import type { RawComponent } from "./component.js";

/** What both serialisations come down to before components are walked. */
export interface CdxRead {
  specVersion?: string;
  /** `metadata` in the JSON shape (the XML reader converts its element tree to it). */
  metadata?: unknown;
  components: RawComponent[];
  /** Lines of nested components, which only the XML reader knows. */
  lines?: WeakMap<object, number>;
  /** Problems with the document itself, reported before its components. */
  faults: Parameters<ObservationSink["issue"]>[0][];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
