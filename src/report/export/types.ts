import type { ExportPlan } from "./plan.js";

/** One target engine: a file of rules, queries or indicators that engine loads as it is. */
export interface Exporter {
  /** `offramp export <id>` */
  id: string;
  /** What the output is, for `--list` and the file's header. */
  title: string;
  /** A name for the file, as the engine's conventions have it. */
  file: string;
  /** What the engine cannot express of the catalogue's semantics; printed in the output's header. */
  limits: readonly string[];
  render(plan: ExportPlan): string;
}
