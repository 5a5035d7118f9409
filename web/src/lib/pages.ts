import type { Page } from "../api/types.js";

export interface Collected<T> {
  items: T[];
  total: number;
  /** False when the page limit stopped the walk before the last page. */
  complete: boolean;
}

/**
 * Walks keyset pages until the last one or `maxPages`, for summaries the API does not aggregate
 * itself; the caller says "counted from the first N" when `complete` is false.
 */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages: number,
): Promise<Collected<T>> {
  const items: T[] = [];
  let cursor: string | undefined;
  let total = 0;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    total = page.total;
    if (!page.next || page.items.length === 0) return { items, total, complete: true };
    cursor = page.next;
  }
  return { items, total, complete: items.length >= total };
}

/** Keyset pagination going back too: the cursors of the pages before the current one. */
export interface CursorTrail {
  /** Cursor of each page seen so far; the first page's is undefined. */
  trail: (string | undefined)[];
}

export const firstPage = (): CursorTrail => ({ trail: [undefined] });
export const currentCursor = (t: CursorTrail) => t.trail[t.trail.length - 1];
export const pageNumber = (t: CursorTrail) => t.trail.length;
export const nextPage = (t: CursorTrail, next: string): CursorTrail => ({ trail: [...t.trail, next] });
export const previousPage = (t: CursorTrail): CursorTrail =>
  t.trail.length > 1 ? { trail: t.trail.slice(0, -1) } : t;
