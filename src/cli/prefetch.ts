import { prefetchDigests } from "../importers/input/file-digest.js";
import { expandPaths } from "../scan/expand.js";

/**
 * Starts hashing the large inputs of `offramp scan …` before the rest of the program is even
 * loaded: the digest is the longest piece of work that cannot be split, so every millisecond it
 * starts sooner comes off the whole scan. The paths are read from argv here, with only this small
 * module loaded; commander parses argv again, and a mistake here costs nothing but the head start.
 */

/** `scan` options that take a value (a test checks this list against the command itself). */
export const SCAN_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  "--as-of",
  "--profile",
  "--format",
  "-o",
  "--output",
  "--fail-on",
  "--input-format",
  "--host",
  "--map",
  "--year",
  "--catalog",
  "--list",
  "--lists-dir",
]);

/** The positional arguments of `scan` given the words after it. */
export function scanPaths(
  args: readonly string[],
  valued: ReadonlySet<string> = SCAN_VALUE_OPTIONS,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a === "-" || !a.startsWith("-")) out.push(a);
    else if (!a.includes("=") && valued.has(a)) i++;
  }
  return out;
}

export function prefetchScan(argv: readonly string[]): void {
  try {
    prefetchDigests(expandPaths(scanPaths(argv.slice(3))));
  } catch {
    // an unreadable path: the scan itself says so
  }
}
