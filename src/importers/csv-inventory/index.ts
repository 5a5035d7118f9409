import type { Importer } from "../types.js";
import { parseCsvInventory, sniffCsv } from "./parse.js";

/**
 * Software inventories as CSV: Intune discovered apps, Configuration Manager views, PowerShell
 * Uninstall exports, Lansweeper and Jamf reports, and any other CSV through `--map column=field`.
 */
export const csvInventory: Importer = {
  id: "csv-inventory",
  title: "CSV software inventory (Intune, SCCM, PowerShell, Lansweeper, Jamf, generic)",
  category: "inventory",
  sniff: sniffCsv,
  parse: parseCsvInventory,
};
