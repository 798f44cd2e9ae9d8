import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'wouter';
import { useNavigate } from '@/lib/router';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import type { SignedOutState } from '@/features/auth/api/sign-out';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { RealmActionsMenu } from '@/features/realms/components/realm-actions-menu';
import { RealmSwitcher } from '@/features/realms/components/realm-switcher';
import { SessionsPanel } from '@/features/sessions/components/sessions-panel';
import { useSessions } from '@/features/sessions/api/get-sessions';
import { useSessionsView } from '@/features/sessions/hooks/use-sessions-view';
import { sessionsParams, sessionsSearchForOtherRealm } from '@/features/sessions/lib/sessions-view';
import { useActionRefusals } from '@/features/users/api/get-action-refusals';
import { RealmEntryRoute, RealmRoute, useRealmCan } from './access';
import { RoutePage } from './route-page';

export const SessionsEntryRoute = () => <RealmEntryRoute permission="sessions:read" to={paths.sessions} />;

export const SessionsRoute = () => <RealmRoute permission="sessions:read" page={SessionsPage} />;

function SessionsPage({ realm }: { realm: string }) {
  const can = useRealmCan(realm);
  const { data: operator } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  // Help desk may not act on console administrators: read that for the listed users before anyone
  // types a reason (the list itself does not say; the server decides again on confirm).
  const { view } = useSessionsView();
  const page = useSessions(sessionsParams(realm, view));
  const guarded = can('sessions:end') && !(operator?.roles.includes('admin') ?? false);
  const refusal = useActionRefusals(realm, page.data?.items.map((session) => session.userId) ?? [], guarded);

  return (
    <RoutePage
      title="Sessions"
      realm={realm}
      description={<p>Who is signed in to {realm}. The list refreshes itself while this tab is open.</p>}
      actions={
        <>
          <RealmSwitcher
            value={realm}
            onChange={(next) => navigate(`${paths.sessions(next)}${sessionsSearchForOtherRealm(params)}`)}
          />
          <RealmActionsMenu
            realm={realm}
            canLogoutAll={can('realm:logout-all')}
            canRevokeTokens={can('realm:revoke-tokens')}
            operatorRealm={operator?.realm}
            onSignedOut={(result) => {
              const state: SignedOutState = { keycloakSessionEnded: true, afterAction: { title: result.title, description: result.description ?? null } };
              // Leave the shell first, then drop the cache (as signing out does): nothing asks for /api/me again.
              navigate(paths.signedOut, { replace: true, state });
              queryClient.clear();
            }}
          />
        </>
      }
    >
      <SessionsPanel
        realm={realm}
        canEnd={can('sessions:end')}
        canBulkEnd={can('bulk:end')}
        canBulkEndAll={can('bulk:end-all-matching')}
        bulkMaxSessions={operator?.limits.bulkMaxSessions}
        operatorUserId={operator && operator.realm === realm ? operator.id : undefined}
        currentSessionId={operator && operator.realm === realm ? operator.currentSessionId : undefined}
        currentSessionAction={<SignOutButton />}
        lockedReason={guarded ? (session) => refusal(session.userId) : undefined}
      />
    </RoutePage>
  );
}
