import type { HostRef, Observation, ObservationFields } from "../../model/observation.js";
import type { RegValue } from "./values.js";

/** One `[key]` section as read: its path, where it starts, and its values by lower-case name. */
export interface RegKey {
  path: string;
  line: number;
  values: Map<string, RegValue>;
}

const HIVE = String.raw`(?:HKEY_LOCAL_MACHINE|HKLM|HKEY_CURRENT_USER|HKCU|HKEY_USERS\\[^\\]+)`;
/** `…\Uninstall\<sub>` in the 64-bit, 32-bit (WOW6432Node) and per-user trees. */
const UNINSTALL = new RegExp(
  String.raw`^${HIVE}\\SOFTWARE\\(?:WOW6432Node\\)?Microsoft\\Windows\\CurrentVersion\\Uninstall\\([^\\]+)$`,
  "i",
);
const SERVICE =
  /^(?:HKEY_LOCAL_MACHINE|HKLM)\\SYSTEM\\(?:CurrentControlSet|ControlSet\d{3})\\Services\\([^\\]+)$/i;

/**
 * Values that name the product a vendor key belongs to: Kaspersky's `…\environment` keys hold
 * ProductName / ProductVersion / ProductRoot, the KSWS connector key ProdDisplayName / ProdVersion,
 * InstalledProducts keys Name / Version / Folder (kaspersky-facts §3.1, S55).
 */
const PRODUCT_VALUES: Record<string, keyof ObservationFields> = {
  productname: "name",
  proddisplayname: "name",
  productversion: "version",
  productdisplayversion: "version",
  prodversion: "version",
  productroot: "path",
};

function value(key: RegKey, name: string): string | undefined {
  const v = key.values.get(name.toLowerCase())?.data?.trim();
  return v ? v : undefined;
}

function basename(path: string): string {
  const bare = path.trim().replace(/^"([^"]*)".*$/, "$1");
  const parts = bare.split(/[\\/]/);
  return parts[parts.length - 1] ?? bare;
}

function compact(fields: Record<string, string | undefined>): ObservationFields {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[k] = v;
  return out as ObservationFields;
}

/** The text a key could match on, for the pre-filter: its path and every value's data. */
export function keyText(key: RegKey): string {
  let text = key.path;
  for (const v of key.values.values()) if (v.data) text += `\n${v.data}`;
  return text;
}

/**
 * What one key says: always a `registry` observation of its path; a `software` observation for an
 * Uninstall entry; a `service` observation for a service key (kernel and file-system drivers,
 * Type 1 and 2, also name their driver file).
 */
export function observationsOf(key: RegKey, host: HostRef, file: string): Observation[] {
  const origin = { format: "reg-export", file, line: key.line, locator: key.path };
  const product: Record<string, string | undefined> = { registry: key.path };
  for (const [name, field] of Object.entries(PRODUCT_VALUES)) product[field] ??= value(key, name);
  const out: Observation[] = [{ host, kind: "registry", fields: compact(product), origin }];

  const uninstall = UNINSTALL.exec(key.path);
  if (uninstall) {
    out.push({
      host,
      kind: "software",
      fields: compact({
        name: value(key, "DisplayName"),
        publisher: value(key, "Publisher"),
        version: value(key, "DisplayVersion"),
        path: value(key, "InstallLocation"),
        installDate: value(key, "InstallDate"),
        productCode: uninstall[1],
        text: value(key, "UninstallString"),
      }),
      origin,
    });
  }
  const service = SERVICE.exec(key.path);
  if (service) {
    const name = service[1]!;
    const image = value(key, "ImagePath");
    const type = Number(value(key, "Type"));
    // with no ImagePath Windows loads System32\drivers\<service>.sys
    const driver = type === 1 || type === 2 ? (image ? basename(image) : `${name}.sys`) : undefined;
    out.push({
      host,
      kind: "service",
      fields: compact({ service: name, name: value(key, "DisplayName"), path: image, driver }),
      origin,
    });
  }
  return out;
}
