import { cn } from '@/lib/cn';

export interface ProgressBarProps {
  /** Accessible name, e.g. "Ending sessions". */
  label: string;
  value: number;
  max: number;
  /** Read out instead of the bare number, e.g. "3 of 4 sessions processed". */
  valueText?: string;
  tone?: 'accent' | 'danger';
  className?: string;
}

/**
 * A determinate progress bar (role="progressbar" with aria-valuenow / aria-valuemax). Drawn as SVG so
 * the width needs no inline style (the console runs under a CSP without 'unsafe-inline').
 */
export function ProgressBar({ label, value, max, valueText, tone = 'accent', className }: ProgressBarProps) {
  const clamped = Math.min(Math.max(value, 0), Math.max(max, 0));
  const percent = max > 0 ? (clamped / max) * 100 : 100;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
      className={cn('h-2.5 w-full overflow-hidden rounded-full bg-slate-200', className)}
    >
      <svg aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none" className="block h-full w-full">
        <rect
          x="0"
          y="0"
          height="10"
          width={percent}
          className={cn('transition-[width] duration-300', tone === 'danger' ? 'fill-red-500' : 'fill-accent-600')}
        />
      </svg>
    </div>
  );
}
