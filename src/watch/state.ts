import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";

/**
 * What `offramp watch` keeps between runs: for each path where reading stands (file identity,
 * byte offset, line count, the header lines a format needs to read a later chunk, the format), and
 * which findings it has already announced at which confidence, so a restart neither misses nor
 * repeats lines nor announces a finding twice.
 */
const Position = z.object({
  dev: z.number(),
  ino: z.number(),
  offset: z.number().int().nonnegative(),
  line: z.number().int().nonnegative(),
});

export const WatchState = z.object({
  version: z.literal(1),
  files: z.record(
    z.string(),
    z.object({ position: Position, format: z.string().optional(), context: z.array(z.string()).default([]) }),
  ),
  announced: z.record(
    z.string(),
    z.object({ confidence: z.string(), afterCutoff: z.boolean().default(false) }),
  ),
});
export type WatchState = z.infer<typeof WatchState>;

export function emptyState(): WatchState {
  return { version: 1, files: {}, announced: {} };
}

/** The saved state; a missing file is a first start, a damaged one an error (never silently reset). */
export function loadState(path: string): WatchState {
  if (!existsSync(path)) return emptyState();
  const parsed = WatchState.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(`${path}: not an offramp watch state file (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Written to a temporary file and renamed over the old one: a crash leaves the old or the new state. */
export function saveState(path: string, state: WatchState): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, path);
}
