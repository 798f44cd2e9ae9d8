/** The "×" of close and dismiss buttons; size it with `className` (e.g. `size-4`). Decorative: label the button. */
export function CloseIcon({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={className}>
      <path d="M5.5 5.5l9 9m0-9l-9 9" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** A solid 20×20 glyph: `d` filled even-odd in the text colour; size and colour it with `className`. Decorative. */
export function SolidIcon({ d, className, 'data-testid': testId }: { d: string; className: string; 'data-testid'?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={className} data-testid={testId}>
      <path fillRule="evenodd" clipRule="evenodd" d={d} />
    </svg>
  );
}
