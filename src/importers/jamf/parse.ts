import type { ImportContext } from "../types.js";
import { parseClassicApiXml } from "./classic-api-xml.js";
import { parseProApiJson } from "./pro-api-json.js";

/** JSON is the Jamf Pro API, XML the Classic API. */
export async function parseJamf(ctx: ImportContext): Promise<void> {
  const head = (await ctx.input.peek()).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("<")) await parseClassicApiXml(ctx);
  else await parseProApiJson(ctx);
}
