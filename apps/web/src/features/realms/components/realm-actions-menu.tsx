import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ToastOptions } from '@/components/ui/toast';
import type { RealmAction } from './realm-action-dialog';

// Opened only on an operator's action: loaded then, not with the page.
const RealmActionDialog = lazy(() => import('./realm-action-dialog').then((module) => ({ default: module.RealmActionDialog })));

export interface RealmActionsMenuProps {
  realm: string;
  canLogoutAll: boolean;
  canRevokeTokens: boolean;
  /** The realm the operator signed in through (signing everyone out there includes them). */
  operatorRealm?: string | undefined;
  /** What to do with the result of an action that signed the operator out (see RealmActionDialog). */
  onSignedOut?: ((result: ToastOptions) => void) | undefined;
}

const itemClass =
  'block w-full rounded px-3 py-2 text-left text-sm text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-accent-600';

/**
 * "Realm actions": a disclosure with the admin's realm-wide actions, each behind a dialog that asks
 * for the realm's name and a reason. Renders nothing without either permission.
 */
export function RealmActionsMenu({ realm, canLogoutAll, canRevokeTokens, operatorRealm, onSignedOut }: RealmActionsMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<{ action: RealmAction; trigger: HTMLElement | null } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  if (!canLogoutAll && !canRevokeTokens) return null;

  function choose(action: RealmAction) {
    setOpen(false);
    setChosen({ action, trigger: toggleRef.current });
  }

  return (
    <div ref={rootRef} className="relative">
      <Button
        ref={toggleRef}
        variant="secondary"
        aria-expanded={open}
        aria-controls={`${id}-actions`}
        onClick={() => setOpen((current) => !current)}
      >
        Realm actions
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-500">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </Button>
      <div
        id={`${id}-actions`}
        hidden={!open}
        className="absolute z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-md max-sm:left-0 sm:right-0 bg-white p-1 shadow-lg ring-1 ring-slate-200"
      >
        <ul>
          {canLogoutAll ? (
            <li>
              <button type="button" className={itemClass} onClick={() => choose('logout-all')}>
                Sign out everyone in {realm}…
              </button>
            </li>
          ) : null}
          {canRevokeTokens ? (
            <li>
              <button type="button" className={itemClass} onClick={() => choose('revoke-tokens')}>
                Revoke all tokens issued before now…
              </button>
            </li>
          ) : null}
        </ul>
      </div>
      <Suspense fallback={null}>
      {chosen ? (
        <RealmActionDialog
          realm={realm}
          action={chosen.action}
          operatorRealm={operatorRealm}
          onSignedOut={onSignedOut}
          returnFocusTo={chosen.trigger}
          onClose={() => setChosen(null)}
        />
      ) : null}
      </Suspense>
    </div>
  );
}
