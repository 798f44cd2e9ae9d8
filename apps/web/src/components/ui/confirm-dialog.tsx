import { useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { ActionError } from './action-error';
import { Button } from './button';
import { Dialog } from './dialog';
import { isValidReason, ReasonField } from './reason-field';

export interface ConfirmDialogProps {
  title: string;
  /** Names exactly what will end, e.g. "End alice.martin's session from 10.0.0.7 on demo-portal". */
  summary: ReactNode;
  /** The confirm button's label, e.g. "End session". */
  confirmLabel: string;
  /** Receives the trimmed reason ('' when no reason is asked for). */
  onConfirm: (reason: string) => void;
  onClose: () => void;
  pending?: boolean;
  /** The failure of the last attempt, shown inline; the typed reason is kept. */
  error?: unknown;
  /** Ask for a reason (default true). */
  requireReason?: boolean;
  /** Extra controls between the summary and the reason (e.g. "also end offline sessions"). */
  children?: ReactNode;
  /** Keeps confirm disabled for a reason of the caller's own (e.g. the realm's name is not typed yet). */
  confirmDisabled?: boolean;
  /** Gets focus first instead of the reason (e.g. a field in `children`). */
  initialFocusRef?: RefObject<HTMLElement | null>;
  returnFocusTo?: HTMLElement | null;
}

/** Confirmation for a destructive action: what will happen, why (reason), then an explicit confirm. */
export function ConfirmDialog({
  title,
  summary,
  confirmLabel,
  onConfirm,
  onClose,
  pending = false,
  error,
  requireReason = true,
  children,
  confirmDisabled = false,
  initialFocusRef,
  returnFocusTo,
}: ConfirmDialogProps) {
  const summaryId = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const valid = (!requireReason || isValidReason(reason)) && !confirmDisabled;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (!valid || pending) return;
    onConfirm(requireReason ? reason.trim() : '');
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      describedBy={summaryId}
      dismissible={!pending}
      initialFocusRef={initialFocusRef ?? (requireReason ? reasonRef : cancelRef)}
      returnFocusTo={returnFocusTo}
    >
      <form noValidate onSubmit={handleSubmit}>
        <div className="space-y-4">
          <div id={summaryId} className="space-y-2 text-sm text-slate-700">
            {summary}
          </div>
          {children}
          {requireReason ? (
            <ReasonField
              ref={reasonRef}
              value={reason}
              onChange={setReason}
              touched={touched}
              disabled={pending}
            />
          ) : null}
          {error ? <ActionError error={error} /> : null}
        </div>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button ref={cancelRef} variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!valid} loading={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
