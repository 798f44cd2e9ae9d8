import type { MeResponse } from '@session-desk/contracts';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/config/env';
import { formatDateTime, parseIso } from '@/lib/format';
import { useMe } from '@/features/auth/api/get-me';
import { PermissionList } from '@/features/auth/components/permission-list';
import { RoleBadge } from '@/features/auth/components/role-badge';
import { isReadOnly } from '@/features/auth/lib/permissions';
import { roleDescriptions } from '@/features/auth/lib/roles';
import { HomeQuickFind } from './home-quick-find';

export function HomeRoute() {
  // The shell renders routes only once the operator is loaded, so this reads from the cache.
  const { data: operator } = useMe();
  if (!operator) return null;
  return <Home operator={operator} />;
}

function Home({ operator }: { operator: MeResponse }) {
  const otherRoles = operator.roles.filter((role) => role !== operator.primaryRole);
  const expiresAt = parseIso(operator.sessionExpiresAt) ? formatDateTime(operator.sessionExpiresAt) : undefined;
  const readOnly = isReadOnly(operator);

  return (
    <div className="space-y-6">
      <title>{`Home · ${env.APP_NAME}`}</title>
      <PageHeader
        title={`Welcome, ${operator.name}`}
        description={
          <p>
            Signed in as <strong className="font-semibold text-slate-900">{operator.name}</strong> ({operator.username})
          </p>
        }
      />

      {operator.permissions.includes('users:read') && operator.permissions.includes('sessions:read') ? <HomeQuickFind /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card aria-labelledby="role-heading" className="lg:col-span-1">
          <CardHeader id="role-heading" title="Your role" />
          <CardBody className="space-y-4">
            <div>
              <RoleBadge role={operator.primaryRole} />
              <p className="mt-2 text-sm text-slate-700">{roleDescriptions[operator.primaryRole]}</p>
              {otherRoles.length > 0 ? (
                <p className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                  Also holds: {otherRoles.map((role) => <RoleBadge key={role} role={role} />)}
                </p>
              ) : null}
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 border-t border-slate-200 pt-4 text-sm">
              <dt className="text-slate-500">Realm</dt>
              <dd className="font-mono text-slate-900">{operator.realm}</dd>
              {operator.email ? (
                <>
                  <dt className="text-slate-500">Email</dt>
                  <dd className="min-w-0 wrap-anywhere text-slate-900">{operator.email}</dd>
                </>
              ) : null}
              {expiresAt ? (
                <>
                  <dt className="text-slate-500">Signed in until</dt>
                  <dd className="text-slate-900" data-testid="session-expires">
                    {expiresAt}
                    <span className="block text-xs text-slate-500">
                      {operator.sessionExpiresBy === 'idle'
                        ? 'each use of the console moves this later'
                        : 'the longest one sign-in lasts: sign in again after it'}
                    </span>
                  </dd>
                </>
              ) : null}
            </dl>
          </CardBody>
        </Card>

        <Card aria-labelledby="permissions-heading" className="lg:col-span-2">
          <CardHeader
            id="permissions-heading"
            title="What your role lets you do"
            description="Session Desk checks every action on the server as well; this list is for your information."
          />
          <CardBody className="space-y-5">
            {readOnly ? (
              <div
                data-testid="read-only-notice"
                className="flex gap-3 rounded-md border border-accent-200 bg-accent-50 px-4 py-3 text-sm text-accent-900"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
                  <path d="M10 3C5.5 3 2.3 6.3 1.2 9.6a1.3 1.3 0 0 0 0 .8C2.3 13.7 5.5 17 10 17s7.7-3.3 8.8-6.6a1.3 1.3 0 0 0 0-.8C17.7 6.3 14.5 3 10 3Zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8Zm0-2a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z" />
                </svg>
                <p>
                  <strong className="font-semibold">Read-only:</strong> you can look but not change anything. Ending
                  sessions and signing users out is left to the help desk and administrators.
                </p>
              </div>
            ) : null}
            <PermissionList permissions={operator.permissions} />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
