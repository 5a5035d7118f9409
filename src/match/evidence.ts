import type { Signature } from "../model/catalog.js";
import type { Evidence } from "../model/finding.js";
import type { Observation } from "../model/observation.js";

const MAX_VALUE = 512;

/** Values longer than 512 characters are cut, with an ellipsis. */
export function clip(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

/** What a fired rule saw in one observation: the rule, the value as written, where it came from. */
export function evidenceOf(
  hit: {
    rule: { compiled: { signature: Pick<Signature, "id" | "weight" | "confidence"> } };
    field: string;
    raw: string;
    value: { value: string };
  },
  obs: Observation,
): Evidence {
  const sig = hit.rule.compiled.signature;
  return {
    signature: sig.id,
    weight: sig.confidence === "low" ? "weak" : sig.weight,
    field: hit.field,
    value: clip(hit.raw),
    matched: hit.value.value,
    format: obs.origin.format,
    file: obs.origin.file,
    ...(obs.origin.line !== undefined && { line: obs.origin.line }),
    ...(obs.origin.record !== undefined && { record: obs.origin.record }),
    ...(obs.origin.locator !== undefined && { locator: obs.origin.locator }),
    ...(obs.at !== undefined && { at: obs.at }),
    ...(obs.state !== undefined && { state: obs.state }),
  };
}
