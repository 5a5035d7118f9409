import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The team's shared folder of real samples and data, beside the repository (CI always has it). */
export const SHARED = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared");
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Path to a real sample, or undefined with a printed notice when ../shared is absent. */
export function sharedFile(...parts: string[]): string | undefined {
  const p = join(SHARED, ...parts);
  if (existsSync(p)) return p;
  console.warn(`[skip] ${join("../shared", ...parts)} is not here; the test on this real sample is skipped`);
  return undefined;
}
