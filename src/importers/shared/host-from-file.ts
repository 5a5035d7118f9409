import { basename } from "node:path";

/**
 * The host an input names by its file name alone (`.reg` exports, `system_profiler` dumps,
 * `osqueryi` output): the base name without the given extensions, tried in order (gzip first).
 */
export function hostFromFile(file: string, extensions: readonly string[]): string {
  if (file === "-" || file === "") return "stdin";
  let name = basename(file.replace(/\\/g, "/"));
  for (const ext of [".gz", ...extensions]) {
    if (name.toLowerCase().endsWith(ext.toLowerCase()) && name.length > ext.length) {
      name = name.slice(0, -ext.length);
    }
  }
  return name;
}
