import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { SolidIcon } from '@/components/ui/icons';

const tones = {
  info: 'border-slate-200 bg-slate-50 text-slate-800',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
} as const;

/** A calm, non-alarming message inside a page (a refusal, a stale list); not a live region. */
export function Notice({
  title,
  children,
  tone = 'info',
  className,
  ...props
}: {
  title?: string;
  children: ReactNode;
  tone?: keyof typeof tones;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <div className={cn('flex gap-3 rounded-md border px-4 py-3 text-sm', tones[tone], className)} {...props}>
      <SolidIcon className="mt-0.5 size-4 shrink-0 opacity-70" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.75-9.5a.75.75 0 0 1 1.5 0v5a.75.75 0 0 1-1.5 0v-5ZM10 7.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
      <div className="min-w-0 wrap-anywhere">
        {title ? <p className="font-semibold">{title}</p> : null}
        <div className={cn(title && 'mt-0.5')}>{children}</div>
      </div>
    </div>
  );
}
