import type { Importer } from "../types.js";
import { parseWazuh } from "./parse.js";
import { sniffWazuh } from "./sniff.js";

/**
 * Wazuh syscollector packages: the 4.x REST API (`data.affected_items`), 5.x agent sync payloads
 * (`items[].data.package`) and indexer documents (`package` + `agent`, search hits or one per line).
 */
export const wazuh: Importer = {
  id: "wazuh",
  title: "Wazuh syscollector packages (REST API 4.x, sync payloads 5.x, indexer documents)",
  category: "inventory",
  sniff: sniffWazuh,
  parse: parseWazuh,
};
