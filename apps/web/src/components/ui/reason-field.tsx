import { REASON_MAX_LENGTH, REASON_MIN_LENGTH, reasonProblem as sharedReasonProblem } from '@session-desk/contracts/rules';
import { useId, type Ref } from 'react';
import { cn } from '@/lib/cn';

export const REASON_MIN = REASON_MIN_LENGTH;
export const REASON_MAX = REASON_MAX_LENGTH;

/** The same rule the BFF applies (contracts' reasonProblem): 3 to 500 characters once trimmed, at least 3 of them visible. */
export function isValidReason(reason: string): boolean {
  return sharedReasonProblem(reason) === undefined;
}

function reasonProblem(reason: string): string | undefined {
  const length = reason.trim().length;
  if (length === 0) return 'A reason is required.';
  if (length < REASON_MIN) return `Write at least ${REASON_MIN} characters.`;
  if (length > REASON_MAX) return `Keep it to ${REASON_MAX} characters; remove ${length - REASON_MAX}.`;
  // Whatever else the shared rule refuses (invisible text, control characters) is said in its own words.
  const refused = sharedReasonProblem(reason);
  return refused === undefined ? undefined : `${refused.charAt(0).toUpperCase()}${refused.slice(1)}.`;
}

export interface ReasonFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Show a problem once the operator has tried to submit (never on blur: the dialog must not move under the pointer). */
  touched: boolean;
  disabled?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

/** The "Reason" textarea every destructive action asks for, with a live counter and inline validation. */
export function ReasonField({ value, onChange, touched, disabled, ref }: ReasonFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const errorId = `${id}-error`;
  const length = value.trim().length;
  const problem = reasonProblem(value);
  // Too long is shown at once; too short only after a submit attempt.
  const showProblem = problem !== undefined && (touched || length > REASON_MAX);

  return (
    <div>
      <div className="flex items-baseline justify-between gap-4">
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          Reason
        </label>
        <span
          id={counterId}
          className={cn('text-xs tabular-nums', length > REASON_MAX ? 'font-semibold text-red-700' : 'text-slate-500')}
        >
          <span className="sr-only">Characters used: </span>
          {length}/{REASON_MAX}
        </span>
      </div>
      <p id={hintId} className="mt-0.5 text-xs text-slate-500">
        Recorded in the audit trail; at least {REASON_MIN} characters. Say why, e.g. “Laptop reported stolen, ticket HD-1234”.
      </p>
      <textarea
        ref={ref}
        id={id}
        name="reason"
        rows={3}
        required
        value={value}
        disabled={disabled}
        aria-invalid={showProblem || undefined}
        aria-describedby={cn(hintId, counterId, showProblem && errorId)}
        onChange={(event) => onChange(event.target.value)}
        className={cn(
          'mt-2 block w-full resize-y rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400',
          'focus:ring-2 focus:ring-inset focus:outline-none disabled:bg-slate-50 disabled:text-slate-500',
          showProblem ? 'ring-red-400 focus:ring-red-600' : 'ring-slate-300 focus:ring-accent-600',
        )}
      />
      {/* The line is always there (empty until needed), so a message never shifts the buttons below. */}
      <p id={errorId} data-testid="reason-problem" className="mt-1 min-h-5 text-sm leading-5 text-red-700">
        {showProblem ? problem : null}
      </p>
    </div>
  );
}
