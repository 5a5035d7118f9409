import type { FieldName, Platform } from "../../model/observation.js";

/** Where a CSV column goes: an observation field, or part of the host's identity. */
export type Target = FieldName | "host" | "ip" | "hostId" | "platform" | "os" | "count";

/**
 * Column captions of the inventories people export, folded to lower-case letters and digits
 * (SCCM's trailing `0` kept: `displayname0`). One table, so a new export shape is one line here.
 */
export const COLUMN_ALIASES: Record<string, Target> = {
  // generic
  host: "host",
  hostname: "host",
  computer: "host",
  computername: "host",
  machine: "host",
  machinename: "host",
  device: "host",
  devicename: "host",
  name: "name",
  software: "name",
  softwarename: "name",
  application: "name",
  applicationname: "name",
  program: "name",
  displayname: "name",
  product: "name",
  productname: "name",
  title: "name",
  publisher: "publisher",
  vendor: "publisher",
  manufacturer: "publisher",
  version: "version",
  displayversion: "version",
  installdate: "installDate",
  installlocation: "path",
  path: "path",
  uninstallstring: "text",
  ip: "ip",
  ipaddress: "ip",
  deviceid: "hostId",
  serialnumber: "hostId",
  hostuuid: "hostId",
  platform: "platform",
  os: "os",
  osdescription: "os",
  operatingsystem: "os",
  productcode: "productCode",
  identifyingnumber: "productCode",
  bundleid: "bundleId",
  // PowerShell Get-ItemProperty of the Uninstall keys
  pschildname: "productCode",
  pscomputername: "host",
  // Microsoft Intune discovered apps (DetectedAppsAggregate, AppInvRawData)
  applicationpublisher: "publisher",
  applicationversion: "version",
  devicecount: "count",
  // Configuration Manager views (v_Add_Remove_Programs, v_GS_INSTALLED_SOFTWARE, v_R_System)
  netbiosname0: "host",
  displayname0: "name",
  arpdisplayname0: "name",
  productname0: "name",
  publisher0: "publisher",
  version0: "version",
  productversion0: "version",
  installdate0: "installDate",
  installedlocation0: "path",
  prodid0: "productCode",
  productcode0: "productCode",
  uninstallstring0: "text",
  resourceid: "hostId",
  // Lansweeper reports
  assetname: "host",
  softwarepublisher: "publisher",
  softwareversion: "version",
  // Jamf Pro advanced-search exports
  applicationtitle: "name",
  applicationpath: "path",
  // Windows Security Center AntiVirusProduct via Export-Csv
  pathtosignedproductexe: "path",
  pathtosignedreportingexe: "process",
};

export function foldHeader(caption: string): string {
  return caption
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Which well-known export a header set looks like, for the origin locator; purely descriptive. */
export function presetName(folded: Set<string>): string {
  if (folded.has("netbiosname0") || folded.has("displayname0") || folded.has("arpdisplayname0"))
    return "sccm";
  if (folded.has("applicationkey") || folded.has("devicecount")) return "intune-detected-apps-aggregate";
  if (folded.has("applicationname") && folded.has("deviceid")) return "intune-app-inventory-raw";
  if (folded.has("pschildname") || folded.has("pscomputername")) return "powershell-uninstall";
  if (folded.has("assetname")) return "lansweeper";
  if (folded.has("applicationtitle")) return "jamf";
  if (folded.has("pathtosignedproductexe")) return "wsc-antivirus-product";
  return "generic";
}

export function platformFrom(value: string | undefined, preset: string): Platform | undefined {
  const v = value?.toLowerCase() ?? "";
  if (/server/.test(v) && /windows/.test(v)) return "windows-server";
  if (/windows/.test(v)) return "windows";
  if (/mac|os x|darwin/.test(v)) return "macos";
  if (/android/.test(v)) return "android";
  if (/ios|ipados/.test(v)) return "ios";
  if (/linux|ubuntu|debian|red hat|rhel|centos|suse/.test(v)) return "linux";
  if (["sccm", "powershell-uninstall", "wsc-antivirus-product"].includes(preset)) return "windows";
  if (preset === "jamf") return "macos";
  return undefined;
}
