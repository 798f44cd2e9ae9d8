import type { SessionRow } from '@session-desk/contracts';
import { useMemo, useState } from 'react';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { RelativeTime } from '@/components/ui/relative-time';
import { paths } from '@/config/paths';
import { formatCount, formatNumber } from '@/lib/format';
import { useNavigate } from '@/lib/router';
import { useMe } from '@/features/auth/api/get-me';
import { rowLockReason } from '@/components/sessions/sessions-table';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { useConcerns } from '@/features/concerns/api/get-concerns';
import { ConcernSettingsPanel } from '@/features/concerns/components/concern-settings-panel';
import { ConcernsList } from '@/features/concerns/components/concerns-list';
import { RealmSwitcher } from '@/features/realms/components/realm-switcher';
import { BulkActionBar } from '@/features/sessions/components/bulk-action-bar';
import { BulkEndDialog } from '@/features/sessions/components/bulk-end-dialog';
import { EndSessionDialog } from '@/features/sessions/components/end-session-dialog';
import { endSessionAction } from '@/features/sessions/components/end-session-action';
import { bulkLimitWords, tickLockedReason } from '@/features/sessions/lib/bulk-limit';
import { useSessionSelection } from '@/features/sessions/hooks/use-session-selection';
import { useActionRefusals } from '@/features/users/api/get-action-refusals';
import { RealmEntryRoute, RealmRoute, useRealmCan } from './access';
import { RoutePage } from './route-page';

export const ConcernsEntryRoute = () => <RealmEntryRoute permission="sessions:read" to={paths.concerns} />;

export const ConcernsRoute = () => <RealmRoute permission="sessions:read" page={ConcernsPage} />;

/** Each flagged session once, whichever rules flag it (the selection and the bulk job count sessions, not cases). */
function uniqueSessions(rows: readonly SessionRow[]): SessionRow[] {
  return [...new Map(rows.map((row) => [`${row.type}:${row.id}`, row])).values()];
}

/**
 * The sessions of concern: the concerns feature lists the cases and holds the rules; ending
 * sessions comes from the sessions feature — the same dialogs, api calls, selection and job limit
 * as the Sessions page — and help-desk's refusals for console administrators from the users feature.
 */
function ConcernsPage({ realm }: { realm: string }) {
  const can = useRealmCan(realm);
  const { data: operator } = useMe();
  const navigate = useNavigate();
  const concerns = useConcerns(realm);
  // One array per answer: the selection prunes itself whenever it sees a new one.
  const rows = useMemo(() => (concerns.data ? uniqueSessions(concerns.data.items.flatMap((item) => item.sessions)) : undefined), [concerns.data]);
  const canEnd = can('sessions:end');
  const canBulkEnd = can('bulk:end');
  const guarded = canEnd && !(operator?.roles.includes('admin') ?? false);
  const refusal = useActionRefusals(realm, rows?.map((row) => row.userId) ?? [], guarded);
  const ownRealm = operator && operator.realm === realm;
  const lockedReason = guarded ? (session: SessionRow) => refusal(session.userId) : undefined;
  const lockReason = (session: SessionRow) => rowLockReason(session, ownRealm ? operator.currentSessionId : undefined, lockedReason);
  const selection = useSessionSelection(canBulkEnd ? rows : undefined, lockReason);
  const [ending, setEnding] = useState<{ session: SessionRow; trigger: HTMLElement } | null>(null);
  const [bulk, setBulk] = useState<{ sessions: SessionRow[]; trigger: HTMLElement } | null>(null);
  const limit = operator?.limits.bulkMaxSessions ?? null;
  const limitWords = bulkLimitWords(limit);

  return (
    <RoutePage
      title="Sessions of concern"
      realm={realm}
      description={
        <p>
          Sessions in {realm} that deserve a look, each with the reason.{' '}
          {concerns.data ? (
            <>
              {formatCount(concerns.data.items.length, 'case')}, checked <RelativeTime iso={concerns.data.evaluatedAt} />.
            </>
          ) : null}
        </p>
      }
      actions={<RealmSwitcher value={realm} onChange={(next) => navigate(paths.concerns(next))} />}
    >

      {concerns.data ? (
        <ConcernsList
          realm={realm}
          concerns={concerns.data}
          operatorUserId={ownRealm ? operator.id : undefined}
          currentSessionId={ownRealm ? operator.currentSessionId : undefined}
          currentSessionAction={canEnd ? <SignOutButton /> : undefined}
          lockedReason={lockedReason}
          renderActions={canEnd ? endSessionAction((session, trigger) => setEnding({ session, trigger })) : undefined}
          selection={
            canBulkEnd
              ? {
                  isSelected: selection.isSelected,
                  onToggle: selection.toggle,
                  isLocked: (session) => lockReason(session) !== undefined,
                  toggleAllReason: (unticked) =>
                    limit !== null && selection.count + unticked.length > limit
                      ? `${limitWords} ${formatNumber(selection.count)} are ticked already; tick these one by one.`
                      : undefined,
                  lockedReason: (session) => tickLockedReason(limit, selection.count, selection.isSelected(session)),
                }
              : undefined
          }
        />
      ) : concerns.isError ? (
        <QueryErrorPanel context="The sessions of concern could not be loaded" query={concerns} />
      ) : (
        <p className="text-sm text-slate-600">Loading the sessions of concern…</p>
      )}

      {canBulkEnd && rows && rows.length > 0 ? (
        <BulkActionBar
          selected={selection.count}
          matching={rows.length}
          canEndAllMatching={false}
          limit={limit}
          onClearSelection={selection.clear}
          onEndSelected={(trigger) => setBulk({ sessions: selection.selectedRows, trigger })}
          onEndAllMatching={() => undefined}
        />
      ) : null}

      <ConcernSettingsPanel realm={realm} canConfigure={can('concerns:configure')} />

      {ending ? <EndSessionDialog realm={realm} session={ending.session} returnFocusTo={ending.trigger} onClose={() => setEnding(null)} /> : null}
      {bulk ? (
        <BulkEndDialog
          realm={realm}
          target={{ kind: 'selected', sessions: bulk.sessions }}
          returnFocusTo={bulk.trigger}
          onStarted={selection.clear}
          onClose={() => setBulk(null)}
        />
      ) : null}
    </RoutePage>
  );
}
