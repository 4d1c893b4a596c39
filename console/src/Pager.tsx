import { useState } from 'react';

/**
 * Where a cursor-paged list is: the `after` cursor of the page shown, and how it moves. The
 * cursors of the pages before this one are kept, so going back needs no cursor from the server.
 */
export interface CursorPages {
  /** The `after` argument of the page shown: null on the first page. */
  readonly after: string | null;
  /** 0 on the first page. */
  readonly index: number;
  /** Back to the first page (a new search, say). */
  readonly restart: () => void;
  readonly back: () => void;
  readonly forward: (endCursor: string | null) => void;
}

export function useCursorPages(): CursorPages {
  // `after` of page n is cursors[n].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1],
    index: cursors.length - 1,
    restart: () => setCursors([null]),
    back: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    forward: (endCursor) => setCursors((c) => [...c, endCursor]),
  };
}

/** The buttons under a cursor-paged list. */
export function Pager(props: {
  pages: CursorPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  backLabel: string;
  forwardLabel: string;
}) {
  const { pages, pageInfo } = props;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={pages.index === 0} onClick={pages.back}>
        {props.backLabel}
      </button>
      <button
        type="button"
        disabled={!pageInfo.hasNextPage}
        onClick={() => pages.forward(pageInfo.endCursor ?? null)}
      >
        {props.forwardLabel}
      </button>
    </nav>
  );
}
