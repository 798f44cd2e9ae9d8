import { useEffect, useRef, type RefObject } from 'react';

/**
 * Where focus goes once a row's session has ended (its row is about to disappear): the next row's
 * action, else the previous row's, else `fallback` (e.g. the list's heading, focusable with
 * tabIndex -1). Call `markEnded(sessionId)` on success, before the dialog closes; focus moves once
 * the dialog has closed (and handed focus back to its trigger).
 */
export function useFocusAfterEnd(container: RefObject<HTMLElement | null>, fallback: RefObject<HTMLElement | null>, dialogOpen: boolean) {
  const ended = useRef<string | null>(null);
  useEffect(() => {
    const sessionId = ended.current;
    if (dialogOpen || sessionId === null) return;
    ended.current = null;
    const row = Array.from(container.current?.querySelectorAll<HTMLElement>('tr[data-session-id]') ?? []).find(
      (candidate) => candidate.dataset.sessionId === sessionId,
    );
    for (const candidate of [row?.nextElementSibling, row?.previousElementSibling]) {
      const target =
        candidate?.querySelector<HTMLElement>('[data-testid="end-session-button"]') ?? candidate?.querySelector<HTMLElement>('a[href], button, input');
      if (target) {
        target.focus();
        return;
      }
    }
    fallback.current?.focus();
  }, [dialogOpen, container, fallback]);
  return {
    markEnded: (sessionId: string) => {
      ended.current = sessionId;
    },
  };
}
