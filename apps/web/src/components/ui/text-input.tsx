import type { InputHTMLAttributes, Ref } from 'react';
import { cn } from '@/lib/cn';

/** A native input (text, date, …) in the console's look, matching `Select`. */
export function TextInput({
  className,
  ref,
  invalid,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement>; invalid?: boolean }) {
  return (
    <input
      ref={ref}
      aria-invalid={invalid || undefined}
      className={cn(
        'block h-9 w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset',
        'placeholder:text-slate-400 focus:ring-2 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500',
        invalid ? 'ring-red-400 focus:ring-red-600' : 'ring-slate-300 focus:ring-accent-600',
        className,
      )}
      {...props}
    />
  );
}
