import type { Importer } from "./types.js";

export interface SniffResult {
  importer: Importer;
  score: number;
}

/** The importer most sure of the head; none when nobody scores above zero. */
export function pickImporter(importers: readonly Importer[], head: string): SniffResult | undefined {
  let best: SniffResult | undefined;
  for (const importer of importers) {
    const score = importer.sniff(head);
    if (score > 0 && (!best || score > best.score)) best = { importer, score };
  }
  return best;
}

/** The first non-empty, non-comment lines of a head, for line-oriented sniffers. */
export function firstLines(head: string, count = 5, comment?: RegExp): string[] {
  const out: string[] = [];
  for (const raw of head.split(/\r\n|\n|\r/)) {
    const line = raw.replace(/^\uFEFF/, "");
    if (line.trim() === "" || comment?.test(line)) continue;
    out.push(line);
    if (out.length >= count) break;
  }
  return out;
}
