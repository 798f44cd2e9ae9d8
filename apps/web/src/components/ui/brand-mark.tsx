import { cn } from '@/lib/cn';

/** The product's logo mark (same drawing as public/favicon.svg). */
export function BrandMark({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 32 32" className={cn('size-8 shrink-0', className)}>
      <rect width="32" height="32" rx="7" className="fill-accent-600" />
      <path d="M9 11.5h14M9 16h14M9 20.5h9" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
