import type { Ref, SelectHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

export const fieldLabelClass = 'block text-xs font-medium text-slate-600';

/** A native select in the console's look (native = keyboard and screen-reader friendly for free). */
export function Select({ className, ref, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <select
      ref={ref}
      className={cn(
        'block h-9 w-full rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset',
        'focus:ring-2 focus:ring-accent-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500',
        className,
      )}
      {...props}
    />
  );
}
