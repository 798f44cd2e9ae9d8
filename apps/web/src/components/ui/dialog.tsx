import { useEffect, useEffectEvent, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '@/lib/cn';
import { CloseIcon } from '@/components/ui/icons';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Marks an element (e.g. the toast viewport) that stays live while a modal dialog is open. */
export const KEEP_INTERACTIVE_ATTRIBUTE = 'data-keep-interactive';

function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.closest('[inert]'));
}

export interface DialogProps {
  title: ReactNode;
  children: ReactNode;
  /** Called on Escape and on the close button (only while `dismissible`). */
  onClose: () => void;
  /** Id of the element describing the dialog (its summary). */
  describedBy?: string;
  /** Gets focus when the dialog opens; default: the first focusable element. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Gets focus back when the dialog closes; default: whatever had focus when it opened. */
  returnFocusTo?: HTMLElement | null;
  /** False while something is in flight: Escape and the close button do nothing. */
  dismissible?: boolean;
  className?: string;
}

/**
 * A modal dialog, mounted while open. role="dialog" + aria-modal, labelled by its title; focus
 * moves in, is trapped (Tab wraps, focus cannot land outside, the page behind is inert), Escape
 * closes, and focus returns to the trigger afterwards. No inline styles: CSP-safe.
 */
export function Dialog({
  title,
  children,
  onClose,
  describedBy,
  initialFocusRef,
  returnFocusTo,
  dismissible = true,
  className,
}: DialogProps) {
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const requestClose = useEffectEvent(() => {
    if (dismissible) onClose();
  });
  const initialFocusTarget = useEffectEvent(() => initialFocusRef?.current ?? null);
  const returnFocusTarget = useEffectEvent(() => returnFocusTo ?? null);

  useEffect(() => {
    const root = rootRef.current;
    const panel = panelRef.current;
    if (!root || !panel) return;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;

    // Everything else on the page becomes inert (unreachable by keyboard, mouse and screen readers).
    const madeInert: Element[] = [];
    for (const element of Array.from(document.body.children)) {
      if (element === root || element.hasAttribute('inert') || element.hasAttribute(KEEP_INTERACTIVE_ATTRIBUTE)) continue;
      if (element.tagName === 'SCRIPT' || element.tagName === 'STYLE') continue;
      element.setAttribute('inert', '');
      madeInert.push(element);
    }
    document.documentElement.classList.add('overflow-hidden');

    const focusFirst = () => (initialFocusTarget() ?? focusableIn(panel)[0] ?? panel).focus();
    focusFirst();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        requestClose();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = focusableIn(panel);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) {
        event.preventDefault();
        panel.focus();
        return;
      }
      const active = document.activeElement;
      const inside = active instanceof Node && panel.contains(active);
      if (event.shiftKey && (active === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    // Belt and braces for browsers without `inert`: focus that escapes is brought back.
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof Node && !panel.contains(target)) focusFirst();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);

    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      for (const element of madeInert) element.removeAttribute('inert');
      document.documentElement.classList.remove('overflow-hidden');
      const target = [returnFocusTarget(), previouslyFocused].find((el) => el?.isConnected);
      target?.focus();
    };
  }, []);

  return createPortal(
    // Anchored at the top, not centred: a dialog whose content changes height (a ticked option
    // rewording the summary) keeps its title, fields and buttons where they were.
    <div ref={rootRef} className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto p-4 sm:pt-[10vh]">
      <div aria-hidden="true" className="fixed inset-0 bg-slate-900/40" />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={cn(
          'relative w-full max-w-lg rounded-lg bg-white shadow-xl ring-1 ring-slate-200 wrap-anywhere focus:outline-none',
          className,
        )}
      >
        <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <button
            type="button"
            aria-label="Close"
            onClick={onClose}
            disabled={!dismissible}
            className="-m-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-accent-600 disabled:cursor-not-allowed disabled:opacity-50"
          >
            <CloseIcon className="size-5" />
          </button>
        </div>
        <div className="px-5 py-4">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
