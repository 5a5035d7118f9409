import { hostFromFile } from "../shared/host-from-file.js";
import type { ImportContext } from "../types.js";
import { HOST_SUFFIXES } from "./fields.js";
import { parseProfilerJson } from "./json-format.js";
import { parseProfilerText } from "./text-format.js";

/** The output names no machine: `--host` or the file name; it is always a Mac. */
export async function parseSystemProfiler(ctx: ImportContext): Promise<void> {
  const host = {
    name: ctx.options.host ?? hostFromFile(ctx.file, HOST_SUFFIXES),
    platform: "macos" as const,
  };
  const head = (await ctx.input.peek()).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{")) await parseProfilerJson(ctx, host);
  else await parseProfilerText(ctx, host);
}
