import type { HostRef, Observation, ObservationFields } from "../../model/observation.js";
import type { ObservationSink } from "../types.js";

export interface JamfApp {
  name?: string;
  path?: string;
  version?: string;
  bundleId?: string;
}

/** Jamf lists the bundle (`Kaspersky Endpoint Security for Mac.app`); the product is the name without `.app`. */
export function appFields(app: JamfApp): ObservationFields {
  const fields: ObservationFields = {};
  const name = app.name?.replace(/\.app$/i, "").trim();
  if (name) fields.name = name;
  if (app.path) fields.path = app.path;
  if (app.version) fields.version = app.version;
  if (app.bundleId) fields.bundleId = app.bundleId;
  return fields;
}

/**
 * One computer's applications, each a record. A computer with none is still a record: the host was
 * inventoried and carried nothing.
 */
export function reportComputer(
  sink: ObservationSink,
  host: HostRef,
  apps: JamfApp[],
  origin: Omit<Observation["origin"], "locator">,
  api: string,
): void {
  if (apps.length === 0) {
    sink.record();
    sink.seen(host);
    return;
  }
  apps.forEach((app, i) => {
    sink.record();
    const fields = appFields(app);
    if (!sink.prefilter.test(Object.values(fields).join("\n"))) {
      sink.seen(host);
      return;
    }
    sink.observe({
      host,
      kind: "software",
      fields,
      origin: { ...origin, locator: `${api} application ${i + 1}` },
    });
  });
}

/** The Mac: its name, its serial as the device id and, when Jamf knows it, its last address (so network logs join it). */
export function jamfHost(
  name: string | undefined,
  serial: string | undefined,
  fallback: string,
  ip?: string,
): HostRef {
  const ref: HostRef = { name: name ?? fallback, platform: "macos", ...(ip && { ip }) };
  if (serial) ref.id = serial;
  return ref;
}
