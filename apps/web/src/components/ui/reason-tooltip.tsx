import { useId, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

export interface ReasonTooltipProps {
  /** Why the control is unavailable, in words ("Help desk may not end an administrator's sessions."). */
  reason: string;
  /** Renders the control; give it `aria-disabled` and `aria-describedby={describedBy}`. */
  children: (describedBy: string) => ReactNode;
  /** Which side of the control the reason appears on (pick the side with room). */
  side?: 'left' | 'right';
}

/**
 * Says why a control is unavailable before anyone tries it: the reason shows on hover and on
 * keyboard focus (the control stays focusable: use `aria-disabled`, not `disabled`) and is the
 * control's accessible description. CSS only (no inline styles, CSP-safe).
 */
export function ReasonTooltip({ reason, children, side = 'left' }: ReasonTooltipProps) {
  const id = useId();
  return (
    <span className="group/reason relative inline-flex items-center">
      {children(id)}
      <span
        id={id}
        role="tooltip"
        data-testid="disabled-reason"
        className={cn(
          'pointer-events-none absolute top-1/2 z-30 hidden w-60 -translate-y-1/2 rounded-md bg-slate-900 px-2.5 py-1.5 text-left text-xs font-normal tracking-normal whitespace-normal text-white normal-case shadow-lg',
          'group-focus-within/reason:block group-hover/reason:block',
          side === 'left' ? 'right-full mr-2' : 'left-full ml-2',
        )}
      >
        {reason}
      </span>
    </span>
  );
}
