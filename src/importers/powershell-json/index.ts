import type { Importer } from "../types.js";
import { parsePowershellJson } from "./parse.js";
import { sniffPowershellJson } from "./sniff.js";

/**
 * PowerShell `ConvertTo-Json` output: Uninstall entries (Get-ItemProperty), SecurityCenter2
 * AntiVirusProduct (Get-CimInstance), Get-Service and Get-Process; one object or an array.
 */
export const powershellJson: Importer = {
  id: "powershell-json",
  title: "PowerShell ConvertTo-Json (Uninstall entries, AntiVirusProduct, Get-Service, Get-Process)",
  category: "inventory",
  sniff: sniffPowershellJson,
  parse: parsePowershellJson,
};
