import type { ObservationFields } from "../../model/observation.js";

/**
 * system_profiler's keys for an application, text captions and `-json` keys alike, and the field
 * each fills. Signed by is the signing chain, leaf first.
 */
export const APP_KEYS: Record<string, keyof ObservationFields> = {
  version: "version",
  location: "path",
  path: "path",
  "get info string": "text",
  info: "text",
  "signed by": "certificate",
  signed_by: "certificate",
};

export function appFields(name: string | undefined, values: Iterable<[string, string]>): ObservationFields {
  const fields: ObservationFields = {};
  if (name) fields.name = name;
  for (const [key, value] of values) {
    const field = APP_KEYS[key.toLowerCase()];
    if (field && value && !fields[field]) fields[field] = value;
  }
  return fields;
}

export const HOST_SUFFIXES = [".txt", ".json", ".spx", ".SPApplicationsDataType"];
