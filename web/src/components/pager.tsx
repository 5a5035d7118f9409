import { useState } from "react";
import type { Page } from "../api/types.js";
import { count } from "../lib/format.js";
import { type CursorTrail, firstPage, nextPage, pageNumber, previousPage } from "../lib/pages.js";

/** The cursor trail of a list, started afresh whenever its filters (`search`) change. */
export function useTrail(search: string): [CursorTrail, (t: CursorTrail) => void] {
  const [state, setState] = useState({ search, trail: firstPage() });
  const trail = state.search === search ? state.trail : firstPage();
  return [trail, (t) => setState({ search, trail: t })];
}

export function Pager(props: {
  trail: CursorTrail;
  setTrail(t: CursorTrail): void;
  page: Page<unknown>;
  size: number;
  what: string;
}) {
  const { trail, page, size } = props;
  const n = pageNumber(trail);
  const first = (n - 1) * size + 1;
  const last = first + page.items.length - 1;
  return (
    <nav className="pager" aria-label="Pages">
      <span data-testid="page-range">
        {page.items.length > 0
          ? `${first}–${last} of ${count(page.total, props.what)}`
          : count(page.total, props.what)}
      </span>
      <button type="button" disabled={n <= 1} onClick={() => props.setTrail(previousPage(trail))}>
        Previous
      </button>
      <button
        type="button"
        disabled={!page.next}
        onClick={() => page.next && props.setTrail(nextPage(trail, page.next))}
      >
        Next
      </button>
    </nav>
  );
}
