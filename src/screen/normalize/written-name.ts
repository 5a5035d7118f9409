/**
 * A name as written on a list or in a vendor master, with its aliases split off and annotations
 * stripped, each part analysed into its comparable forms.
 */
import { analyseName, type NameForm } from "./analyze.js";
import { splitName } from "./annotations.js";

export interface NamePart {
  /** The part as written (the primary name or one alias). */
  name: string;
  /** "primary", or how the alias was introduced ("a.k.a.", "ex-", "f.k.a."). */
  how: string;
  forms: NameForm[];
}

export interface WrittenName {
  written: string;
  parts: NamePart[];
  /** Annotations taken off before matching (labels, branches, care-of, addresses). */
  removed: string[];
}

export function analyseWrittenName(written: string): WrittenName {
  const split = splitName(written);
  const parts: NamePart[] = [];
  for (const { name, how } of [{ name: split.primary, how: "primary" }, ...split.aliases]) {
    const forms = analyseName(name);
    if (forms.length > 0) parts.push({ name, how, forms });
  }
  return { written, parts, removed: split.removed };
}
