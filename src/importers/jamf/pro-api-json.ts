import { hostFromFile } from "../shared/host-from-file.js";
import { isObject, jsonRecords, type RecordPath, str } from "../shared/json-records.js";
import type { ImportContext } from "../types.js";
import { type JamfApp, jamfHost, reportComputer } from "./application.js";

/**
 * Jamf Pro API `GET /api/v1/computers-inventory?section=APPLICATIONS` (`results[]`), or one computer
 * from `computers-inventory-detail/{id}`. Host: `general.name`, id the hardware serial number.
 */
export async function parseProApiJson(ctx: ImportContext): Promise<void> {
  const { input, sink, options, file } = ctx;
  const head = (await input.peek()).replace(/^\uFEFF/, "").trimStart();
  const path: RecordPath = /^\{[\s\S]*"results"\s*:\s*\[/.test(head) ? ["results", "*"] : [];
  const fallback = options.host ?? hostFromFile(file, [".json"]);
  let n = 0;
  for (const rec of jsonRecords(await input.text(), path)) {
    n++;
    if (rec.error !== undefined || !isObject(rec.value)) {
      sink.record();
      sink.issue({
        line: rec.line,
        code: "jamf-bad-json",
        message: rec.error ?? "computer is not an object",
      });
      continue;
    }
    const computer = rec.value;
    const general = isObject(computer.general) ? computer.general : {};
    const hardware = isObject(computer.hardware) ? computer.hardware : {};
    const host = jamfHost(
      str(general.name),
      str(hardware.serialNumber),
      fallback,
      str(general.lastIpAddress),
    );
    const apps: JamfApp[] = (Array.isArray(computer.applications) ? computer.applications : [])
      .filter(isObject)
      .map((a) => ({
        name: str(a.name),
        path: str(a.path),
        version: str(a.version),
        bundleId: str(a.bundleId),
      }));
    reportComputer(
      sink,
      host,
      apps,
      { format: "jamf", file, line: rec.line, record: n },
      "Jamf Pro API computer",
    );
  }
}
