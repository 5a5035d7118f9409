import type { ObservationFields, ObservationKind } from "../../model/observation.js";
import { isObject, str } from "../shared/json-records.js";

export type PsObject = Record<string, unknown>;

/** What one `ConvertTo-Json` object is, told by the properties its cmdlet gives it. */
export interface Shape {
  id: string;
  kind: ObservationKind;
  test(o: PsObject): boolean;
  fields(o: PsObject): ObservationFields;
}

function compact(fields: Record<string, string | undefined>): ObservationFields {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[k] = v;
  return out as ObservationFields;
}

const has = (o: PsObject, ...keys: string[]) => keys.some((k) => k in o);

function basename(path: string): string {
  const bare = path.trim().replace(/^"([^"]*)".*$/, "$1");
  const parts = bare.split(/[\\/]/);
  return parts[parts.length - 1] ?? bare;
}

/** ServiceType 1 (KernelDriver) or 2 (FileSystemDriver), as a number or, with -EnumsAsStrings, a name. */
function isDriverService(o: PsObject): boolean {
  const t = o.ServiceType;
  return t === 1 || t === 2 || (typeof t === "string" && /driver/i.test(t));
}

/** The shapes in the order they are tried: the more particular properties first. */
export const SHAPES: readonly Shape[] = [
  {
    id: "SecurityCenter2 AntiVirusProduct",
    kind: "software",
    test: (o) => has(o, "pathToSignedProductExe", "pathToSignedReportingExe", "instanceGuid"),
    fields: (o) =>
      compact({
        name: str(o.displayName),
        path: str(o.pathToSignedProductExe),
        process: str(o.pathToSignedReportingExe),
      }),
  },
  {
    id: "Get-Service",
    kind: "service",
    test: (o) => has(o, "ServiceName", "CanPauseAndContinue", "ServicesDependedOn", "ServiceType"),
    fields: (o) => {
      const name = str(o.Name) ?? str(o.ServiceName);
      const image = str(o.BinaryPathName);
      // with no image path Windows loads System32\drivers\<service>.sys
      const driver = isDriverService(o) ? (image ? basename(image) : name && `${name}.sys`) : undefined;
      return compact({ service: name, name: str(o.DisplayName), path: image, driver });
    },
  },
  {
    id: "Get-Process",
    kind: "process",
    test: (o) =>
      has(o, "ProcessName") && has(o, "Id", "HandleCount", "WorkingSet", "WorkingSet64", "MainModule"),
    fields: (o) => compact({ process: str(o.ProcessName), path: str(o.Path), publisher: str(o.Company) }),
  },
  {
    id: "Uninstall entry",
    kind: "software",
    test: (o) => has(o, "DisplayName", "PSChildName", "DisplayVersion", "UninstallString"),
    fields: (o) =>
      compact({
        name: str(o.DisplayName),
        publisher: str(o.Publisher),
        version: str(o.DisplayVersion),
        installDate: str(o.InstallDate),
        path: str(o.InstallLocation),
        productCode: str(o.PSChildName),
        text: str(o.UninstallString),
      }),
  },
];

const CIM_PROPERTY = /^(\w+) = (.*)$/s;

/**
 * Raw CIM objects carry their values again in `CimInstanceProperties`: as `{Name, Value}` objects,
 * or, past ConvertTo-Json's depth, as `name = "value"` strings. Those fill what the top level lacks.
 */
export function withCimProperties(o: PsObject): PsObject {
  const props = o.CimInstanceProperties;
  if (!Array.isArray(props)) return o;
  const out: PsObject = { ...o };
  for (const p of props) {
    let name: string | undefined;
    let value: unknown;
    if (isObject(p)) {
      name = str(p.Name);
      value = p.Value;
    } else if (typeof p === "string") {
      const m = CIM_PROPERTY.exec(p);
      if (m) {
        name = m[1];
        value = m[2]!.replace(/^"(.*)"$/s, "$1");
      }
    }
    if (name && (out[name] === undefined || out[name] === null)) out[name] = value;
  }
  return out;
}

/** `PSComputerName` (Invoke-Command, CIM), or `MachineName` when it is not the local `.`. */
export function computerOf(o: PsObject): string | undefined {
  const machine = str(o.MachineName);
  return str(o.PSComputerName) ?? (machine && machine !== "." ? machine : undefined);
}
