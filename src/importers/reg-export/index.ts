import type { Importer } from "../types.js";
import { parseRegExport } from "./parse.js";
import { sniffRegExport } from "./sniff.js";

/**
 * `.reg` exports (`regedit /e`, `reg export`, REGEDIT4): every key as registry evidence, Uninstall
 * entries as software, `Services\<name>` keys as services and drivers.
 */
export const regExport: Importer = {
  id: "reg-export",
  title: "Windows registry export (.reg): keys, Uninstall entries, services and drivers",
  category: "inventory",
  sniff: sniffRegExport,
  parse: parseRegExport,
};
