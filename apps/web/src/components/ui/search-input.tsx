import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { cn } from '@/lib/cn';
import { fieldLabelClass } from './select';
import { SEARCH_TEXT_MAX_LENGTH } from '@session-desk/contracts';

export interface SearchInputProps {
  /** Accessible name and visible label, e.g. "Search sessions". */
  label: string;
  /** The committed value (usually from the URL). */
  value: string;
  /** Called with the typed value once typing pauses for `delayMs` (or on Enter). */
  onValueChange: (value: string) => void;
  delayMs?: number;
  placeholder?: string;
  className?: string;
  /** Put the cursor here when the page opens. */
  autoFocus?: boolean;
  /** `/` anywhere on the page (outside a text field) moves the cursor here. One per page. */
  slashShortcut?: boolean;
  /** Called with the typed value on every Enter, after `onValueChange` when the value changed. */
  onSubmitValue?: (value: string) => void;
  /** Called with every keystroke: lets a list know that new results are on their way. */
  onDraftChange?: (draft: string) => void;
  /**
   * Makes the box a `search` landmark with this name (e.g. "Session search"). Give it to a page's
   * main search only: several unnamed (or same-named) search landmarks fail axe's landmark-unique.
   */
  landmark?: string;
}

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)))
  );
}

/**
 * A search box that commits after a pause in typing. It follows `value` when it changes from
 * elsewhere (back button, "Clear filters") without fighting what the operator is typing.
 */
export function SearchInput({
  label,
  value,
  onValueChange,
  delayMs = 300,
  placeholder,
  className,
  autoFocus = false,
  slashShortcut = false,
  onDraftChange,
  onSubmitValue,
  landmark,
}: SearchInputProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState(value);

  if (value !== seen) {
    setSeen(value);
    if (value !== committed) {
      // Changed from outside (not our own commit coming back): show it.
      setCommitted(value);
      setDraft(value);
    }
  }

  const onValueChangeRef = useRef(onValueChange);
  const onDraftChangeRef = useRef(onDraftChange);
  useEffect(() => {
    onValueChangeRef.current = onValueChange;
    onDraftChangeRef.current = onDraftChange;
  });

  useEffect(() => {
    // Without scrolling: a page opens at its top anyway, and one returned to with Back keeps where the operator was.
    if (autoFocus) inputRef.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  useEffect(() => {
    if (!slashShortcut) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [slashShortcut]);

  useEffect(() => {
    if (draft === committed) return;
    const timer = setTimeout(() => {
      setCommitted(draft);
      onValueChangeRef.current(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, committed, delayMs]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft !== committed) {
      setCommitted(draft);
      onValueChangeRef.current(draft);
    }
    onSubmitValue?.(draft);
  }

  return (
    <form role={landmark ? 'search' : undefined} aria-label={landmark} onSubmit={handleSubmit} className={className}>
      <label htmlFor={id} className={fieldLabelClass}>
        {label}
      </label>
      <div className="relative mt-1">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400"
        >
          <path
            fillRule="evenodd"
            clipRule="evenodd"
            d="M9 3.5a5.5 5.5 0 1 0 3.27 9.92l3.15 3.15a.75.75 0 1 0 1.06-1.06l-3.15-3.15A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z"
          />
        </svg>
        <input
          ref={inputRef}
          id={id}
          type="search"
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          maxLength={SEARCH_TEXT_MAX_LENGTH}
          aria-keyshortcuts={slashShortcut ? '/' : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            onDraftChangeRef.current?.(event.target.value);
          }}
          className={cn(
            'block h-9 w-full rounded-md border-0 bg-white py-1.5 pr-3 pl-8 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset',
            'placeholder:text-slate-400 focus:ring-2 focus:ring-accent-600 focus:outline-none',
          )}
        />
      </div>
    </form>
  );
}
