import type { SessionRow } from '@session-desk/contracts';
import { useState } from 'react';
import { Link } from 'wouter';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { UserAuditHistory } from '@/features/audit/components/user-audit-history';
import { useMe } from '@/features/auth/api/get-me';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { EndSessionDialog } from '@/features/sessions/components/end-session-dialog';
import { useUsername } from '@/features/users/api/get-user';
import { UserDetail } from '@/features/users/components/user-detail';
import { useRouteParam } from '@/lib/router';
import { NotFoundRoute } from './not-found';
import { RequirePermission, useRealmCan, WithRealm } from './access';

export function UserRoute() {
  return (
    <RequirePermission anyOf={['users:read']}>
      <WithRealm>{(realm) => <UserPageForParams realm={realm} />}</WithRealm>
    </RequirePermission>
  );
}

function UserPageForParams({ realm }: { realm: string }) {
  const userId = useRouteParam('userId');
  if (!userId) return <NotFoundRoute />;
  return <UserPage key={`${realm}/${userId}`} realm={realm} userId={userId} />;
}

/**
 * The user page: the users feature shows the user; ending one session comes from the sessions
 * feature; the history of actions on the user from the audit feature.
 */
function UserPage({ realm, userId }: { realm: string; userId: string }) {
  const can = useRealmCan(realm);
  const { data: operator } = useMe();
  const auditScope = operator?.permissions.includes('audit:read')
    ? 'all'
    : operator?.permissions.includes('audit:read-own')
      ? 'own'
      : undefined;
  const [ending, setEnding] = useState<{ session: SessionRow; trigger: HTMLElement } | null>(null);
  const username = useUsername(realm, userId);

  return (
    <div className="space-y-6">
      <title>{`${username ?? 'User'} · ${realm} · ${env.APP_NAME}`}</title>
      <div>
        <Link
          to={paths.users(realm)}
          className="text-sm font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
        >
          <span aria-hidden="true">← </span>Users in {realm}
        </Link>
      </div>
      <PageHeader
        title={username ?? 'User'}
        description={<p>A user of {realm}: who they are, where they are signed in, and what you may do about it.</p>}
      />
      <UserDetail
        realm={realm}
        userId={userId}
        canEndSession={can('sessions:end')}
        canLogout={can('users:logout')}
        onEndSession={(session, trigger) => setEnding({ session, trigger })}
        operatorUserId={operator && operator.realm === realm ? operator.id : undefined}
        currentSessionId={operator && operator.realm === realm ? operator.currentSessionId : undefined}
        currentSessionAction={<SignOutButton />}
      />
      {auditScope ? <UserAuditHistory realm={realm} userId={userId} scope={auditScope} /> : null}
      {ending ? (
        <EndSessionDialog
          realm={realm}
          session={ending.session}
          returnFocusTo={ending.trigger}
          onClose={() => setEnding(null)}
        />
      ) : null}
    </div>
  );
}
