import { basename } from "node:path";
import { readJsonMembers } from "../shared/json-members.js";
import type { ImportContext } from "../types.js";
import { importSpdx2 } from "./spdx2.js";
import { importSpdx3 } from "./spdx3.js";

const SPDX2_HEAD = /"spdxVersion"\s*:\s*"SPDX-2\.\d/;
const SPDX3_CONTEXT = /"@context"\s*:\s*(?:\[\s*)?"https?:\/\/spdx\.org\/rdf\/3\.\d/;
const SPDX3_SHAPE = /"type"\s*:\s*"SpdxDocument"/;
/** Both `packages` (2.x) and `@graph` (3.0) are read element by element. */
const SPLIT = new Set(["packages", "@graph"]);

/** SPDX 2.x JSON by its `spdxVersion`; SPDX 3.0 JSON-LD by its context (or an SpdxDocument in a graph). */
export function sniffSpdx(head: string): number {
  if (
    !head
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("{")
  )
    return 0;
  if (SPDX2_HEAD.test(head) || SPDX3_CONTEXT.test(head)) return 0.95;
  return head.includes('"@graph"') && SPDX3_SHAPE.test(head) ? 0.8 : 0;
}

function fallbackName(file: string): string {
  return basename(file).replace(/(\.(spdx3?|json|jsonld|gz))+$/i, "") || file;
}

export async function parseSpdx(ctx: ImportContext): Promise<void> {
  const text = await ctx.input.text();
  const doc = readJsonMembers(text, SPLIT);
  if (doc.broken) {
    ctx.sink.issue({
      line: doc.broken.line,
      code: "spdx-damaged",
      message: `${doc.broken.message}; nothing after this point was read`,
    });
  }
  const keys = new Set(doc.items.map((i) => i.key));
  const v3 = !keys.has("spdxVersion") && (keys.has("@graph") || keys.has("@context"));
  (v3 ? importSpdx3 : importSpdx2)(ctx, doc.items, fallbackName(ctx.file));
}
