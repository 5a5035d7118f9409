import type { ImportContext } from "../types.js";
import { parseOsqueryiJson } from "./osqueryi-json.js";
import { parseResultsLog } from "./results-log.js";
import { TableGuesser } from "./tables.js";

/** An `osqueryi --json` array starts with `[`; osqueryd result logs are one object per line. */
export async function parseOsquery(ctx: ImportContext): Promise<void> {
  const head = (await ctx.input.peek()).replace(/^\uFEFF/, "").trimStart();
  const guesser = new TableGuesser();
  if (head.startsWith("[")) await parseOsqueryiJson(ctx, guesser);
  else await parseResultsLog(ctx, guesser);
}
