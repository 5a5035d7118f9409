import type { Importer } from "../types.js";
import { parseSystemProfiler } from "./parse.js";
import { sniffSystemProfiler } from "./sniff.js";

/** macOS `system_profiler SPApplicationsDataType`, text and `-json`: every application bundle. */
export const systemProfiler: Importer = {
  id: "system-profiler",
  title: "macOS system_profiler SPApplicationsDataType (text and -json)",
  category: "inventory",
  sniff: sniffSystemProfiler,
  parse: parseSystemProfiler,
};
