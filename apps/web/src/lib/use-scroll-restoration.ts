import { useEffect, useLayoutEffect, useRef } from 'react';

/** How long the window must rest before its position is written into the history entry, ms. */
const SAVE_AFTER_MS = 150;

function savedScrollY(state: unknown): number | undefined {
  const y = typeof state === 'object' && state !== null ? (state as { scrollY?: unknown }).scrollY : undefined;
  return typeof y === 'number' && Number.isFinite(y) && y >= 0 ? y : undefined;
}

/** Writes the window's position into the current history entry's state, beside what the router keeps there. */
function saveScrollY(): void {
  const state: unknown = window.history.state;
  if (savedScrollY(state) === window.scrollY) return;
  window.history.replaceState({ ...(typeof state === 'object' && state !== null ? state : {}), scrollY: window.scrollY }, '');
}

/**
 * Scroll positions across navigations, as a browser gives them to pages it loads itself: a link to
 * another page (a new `pathname`) opens it at the top; Back and Forward return to where the
 * operator was on that entry. A change of the query string alone (a search, a page of a list)
 * leaves the scroll where it is. The position is kept in each history entry's own state (`scrollY`,
 * CSS px, merged into what the router keeps there): written once the window has rested for
 * {@link SAVE_AFTER_MS} and at once on any click (a link is about to add an entry), and read when
 * the location changes: an entry that holds one is an entry returned to. The browser's own
 * restoration is off while this runs, since it would apply before the earlier page has rendered.
 */
export function useScrollRestoration(pathname: string, search: string): void {
  const shownPath = useRef(pathname);
  const pendingSave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const before = window.history.scrollRestoration;
    window.history.scrollRestoration = 'manual';
    const saveSoon = () => {
      clearTimeout(pendingSave.current);
      pendingSave.current = setTimeout(saveScrollY, SAVE_AFTER_MS);
    };
    const saveNow = () => {
      clearTimeout(pendingSave.current);
      saveScrollY();
    };
    window.addEventListener('scroll', saveSoon, { passive: true });
    document.addEventListener('click', saveNow, { capture: true });
    return () => {
      clearTimeout(pendingSave.current);
      window.removeEventListener('scroll', saveSoon);
      document.removeEventListener('click', saveNow, { capture: true });
      window.history.scrollRestoration = before;
    };
  }, []);

  useLayoutEffect(() => {
    // A save still waiting belongs to the entry just left, not to this one.
    clearTimeout(pendingSave.current);
    const newPage = shownPath.current !== pathname;
    shownPath.current = pathname;
    const returnedTo = savedScrollY(window.history.state);
    if (returnedTo !== undefined) window.scrollTo(0, returnedTo);
    else if (newPage) window.scrollTo(0, 0);
  }, [pathname, search]);
}
