import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

const tones = {
  accent: 'bg-accent-600 text-white ring-accent-600',
  'accent-soft': 'bg-accent-50 text-accent-800 ring-accent-200',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-300',
  danger: 'bg-red-50 text-red-800 ring-red-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-300',
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = 'neutral', className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset',
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
