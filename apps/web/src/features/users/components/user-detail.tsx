import type { EndedLocationSummary, LocationSummary, SessionRow, UserDetailResponse } from '@session-desk/contracts';
import { useRef, useState, type ReactNode } from 'react';
import { useFocusAfterEnd } from '@/components/sessions/focus-after-end';
import { EndSessionButton, SessionsTable } from '@/components/sessions/sessions-table';
import { EmailAddress } from '@/components/ui/email-address';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiClientError } from '@/lib/api-client';
import { formatDate, formatNumber } from '@/lib/format';
import { useUser, type UserSessionsPage } from '../api/get-user';
import { fullName } from '../lib/full-name';
import { LogoutUserDialog } from './logout-user-dialog';

export interface UserDetailProps {
  realm: string;
  userId: string;
  /** The operator holds sessions:end (the user's allowedActions must agree too). */
  canEndSession: boolean;
  /** The operator holds users:logout (the user's allowedActions must agree too). */
  canLogout: boolean;
  /** Ending one session is composed in by the page (it belongs to the sessions feature). */
  onEndSession: (session: SessionRow, trigger: HTMLElement) => void;
  /** The operator's Keycloak user id and current session (`/api/me`): marked "You" / "This session". */
  operatorUserId?: string | undefined;
  currentSessionId?: string | null | undefined;
  /** Offered on the operator's current session instead of ending it ("Sign out"). */
  currentSessionAction?: ReactNode;
}

function UserSessions({
  caption,
  sessions,
  emptyText,
  onEnd,
  currentSessionId,
  currentSessionAction,
}: {
  caption: string;
  sessions: SessionRow[];
  emptyText: string;
  onEnd: ((session: SessionRow, trigger: HTMLElement) => void) | undefined;
  currentSessionId: string | null | undefined;
  currentSessionAction: ReactNode;
}) {
  // The text may hold a username of up to 255 characters without a space.
  if (sessions.length === 0) return <p className="px-4 py-4 text-sm wrap-anywhere text-slate-500">{emptyText}</p>;
  return (
    <SessionsTable
      testId="user-sessions-table"
      rowTestId="user-session-row"
      caption={caption}
      sessions={sessions}
      hiddenColumns={['user']}
      currentSessionId={currentSessionId}
      currentSessionAction={onEnd ? currentSessionAction : undefined}
      renderActions={
        onEnd
          ? (session, reason) => (
              <EndSessionButton
                label="End session"
                accessibleName={`End session of ${session.username} from ${session.ipAddress}`}
                reason={reason}
                onEnd={(trigger) => onEnd(session, trigger)}
              />
            )
          : undefined
      }
    />
  );
}

/** Countries and networks of a set of sessions, with their session counts ("none" when empty). */
function LocationLists({ locations, label, testId }: { locations: LocationSummary; label: string; testId: string }) {
  const none = <span className="text-slate-500">none</span>;
  const countries = [
    ...locations.countries.map((country) => `${country.name} (${country.code}) ×${formatNumber(country.sessions)}`),
    ...(locations.privateNetwork > 0 ? [`Private network ×${formatNumber(locations.privateNetwork)}`] : []),
  ];
  return (
    <>
      <dt className="text-slate-500">{label} countries</dt>
      <dd className="text-slate-900" data-testid={`${testId}-countries`}>
        {countries.length > 0 ? countries.join(', ') : none}
      </dd>
      <dt className="text-slate-500">{label} networks</dt>
      <dd className="text-slate-900" data-testid={`${testId}-networks`}>
        {locations.networks.length > 0
          ? locations.networks.map((network) => `${network.name} (AS${network.asn}) ×${formatNumber(network.sessions)}`).join(', ')
          : none}
      </dd>
    </>
  );
}

/** Where the user's ended sessions came from (the trail), and how many older records carry no address. */
function EndedLocations({ ended }: { ended: EndedLocationSummary }) {
  return (
    <>
      <LocationLists locations={ended} label="Ended sessions’" testId="user-ended" />
      {ended.withoutAddress > 0 ? (
        <dd className="col-start-2 text-xs text-slate-500" data-testid="user-ended-unknown">
          {formatNumber(ended.withoutAddress)} of {formatNumber(ended.records)} ended in the trail before addresses were recorded
        </dd>
      ) : null}
    </>
  );
}

/** Who the user is, their sessions (regular / offline) and what the operator may do about them. */
export function UserDetail({ realm, userId, canEndSession, canLogout, onEndSession, ...marks }: UserDetailProps) {
  const [page, setPage] = useState<UserSessionsPage>({ first: 0, offlineFirst: 0 });
  const user = useUser(realm, userId, page);

  if (user.data) {
    return (
      <UserDetailView
        realm={realm}
        detail={user.data}
        canEndSession={canEndSession}
        canLogout={canLogout}
        onEndSession={onEndSession}
        {...marks}
        refreshing={user.isFetching}
        onRefresh={() => void user.refetch()}
        onPage={(patch) => setPage((current) => ({ ...current, ...patch }))}
      />
    );
  }
  if (user.isError) {
    if (isApiClientError(user.error) && user.error.status === 404) {
      return (
        <EmptyState
          title="This user does not exist"
          description={`There is no user with this id in ${realm}. They may have been deleted, or the link is incomplete.`}
        />
      );
    }
    return (
      <QueryErrorPanel context="This user could not be loaded" query={user} />
    );
  }
  return (
    <div className="space-y-4">
      <p className="sr-only">Loading the user…</p>
      <div aria-hidden="true" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="w-72" />
        <Skeleton className="w-56" />
      </div>
    </div>
  );
}

function UserDetailView({
  realm,
  detail,
  canEndSession,
  canLogout,
  onEndSession,
  operatorUserId,
  currentSessionId,
  currentSessionAction,
  refreshing,
  onRefresh,
  onPage,
}: Omit<UserDetailProps, 'userId'> & {
  detail: UserDetailResponse;
  refreshing: boolean;
  onRefresh: () => void;
  onPage: (patch: Partial<UserSessionsPage>) => void;
}) {
  const { user, sessions, offlineSessions, allowedActions, sessionsTotal, offlineSessionsTotal, page } = detail;
  const [loggingOut, setLoggingOut] = useState<HTMLElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  // After "Log out everywhere" the button is disabled (nothing left): focus goes to the user's name.
  const { markEnded: markLoggedOut } = useFocusAfterEnd(pageRef, headingRef, loggingOut !== null);
  const isYou = operatorUserId === user.id;
  const name = fullName(user);
  const mayEnd = canEndSession && allowedActions.endSession;
  const mayLogout = canLogout && allowedActions.logout;
  const nothingToEnd = sessionsTotal === 0 && offlineSessionsTotal === 0;

  return (
    <div className="space-y-6" ref={pageRef}>
      <Card aria-labelledby="user-heading">
        <div className="flex flex-col gap-4 px-5 py-5 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 wrap-anywhere">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="user-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
                {name || user.username}
              </h2>
              {isYou ? (
                <Badge tone="accent-soft" data-testid="you-badge">
                  You
                </Badge>
              ) : null}
              {user.isConsoleAdmin ? <Badge tone="accent">Administrator of Session Desk</Badge> : null}
              {user.enabled ? <Badge tone="neutral">Enabled</Badge> : <Badge tone="danger">Disabled</Badge>}
            </div>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-slate-500">Username</dt>
              <dd className="font-mono text-slate-900">{user.username}</dd>
              <dt className="text-slate-500">Email</dt>
              <dd className="wrap-anywhere text-slate-900">{user.email ? <EmailAddress address={user.email} /> : <span className="text-slate-500">none</span>}</dd>
              <dt className="text-slate-500">Created</dt>
              <dd className="text-slate-900">
                {user.createdAt ? (
                  <>
                    {formatDate(user.createdAt)} (<RelativeTime iso={user.createdAt} />)
                  </>
                ) : (
                  <span className="text-slate-500">unknown</span>
                )}
              </dd>
              {detail.locations ? <LocationLists locations={detail.locations} label="Live sessions’" testId="user" /> : null}
              {detail.endedLocations ? <EndedLocations ended={detail.endedLocations} /> : null}
            </dl>
          </div>
          <div className="flex shrink-0 gap-2">
            <Button variant="ghost" size="sm" onClick={onRefresh} loading={refreshing}>
              Refresh
            </Button>
            {mayLogout ? (
              <Button variant="danger" size="sm" disabled={nothingToEnd} onClick={(event) => setLoggingOut(event.currentTarget)}>
                Log out everywhere
              </Button>
            ) : null}
          </div>
        </div>
        {allowedActions.refusal ? (
          <Notice className="mx-5 mb-5" data-testid="user-refusal" title="You cannot change this user’s sessions">
            {allowedActions.refusal}
          </Notice>
        ) : null}
      </Card>

      <Card aria-labelledby="regular-sessions-heading">
        <CardHeader
          id="regular-sessions-heading"
          title={`Regular sessions (${formatNumber(sessionsTotal)})`}
          description="Browser sign-ins. Ending one signs the user out of those apps."
        />
        <UserSessions
          caption={`Regular sessions of ${user.username}`}
          sessions={sessions}
          emptyText={`${user.username} is not signed in anywhere right now.`}
          onEnd={mayEnd ? onEndSession : undefined}
          currentSessionId={currentSessionId}
          currentSessionAction={currentSessionAction}
        />
        <SessionsPager label="regular sessions" first={page.first} max={page.max} total={sessionsTotal} onFirst={(first) => onPage({ first })} />
      </Card>

      <Card aria-labelledby="offline-sessions-heading">
        <CardHeader
          id="offline-sessions-heading"
          title={`Offline sessions (${formatNumber(offlineSessionsTotal)})`}
          description="Long-lived access that apps keep without the user present."
        />
        <UserSessions
          caption={`Offline sessions of ${user.username}`}
          sessions={offlineSessions}
          emptyText="No app holds offline access for this user."
          onEnd={mayEnd ? onEndSession : undefined}
          currentSessionId={currentSessionId}
          currentSessionAction={currentSessionAction}
        />
        <SessionsPager
          label="offline sessions"
          first={page.offlineFirst}
          max={page.offlineMax}
          total={offlineSessionsTotal}
          onFirst={(offlineFirst) => onPage({ offlineFirst })}
        />
      </Card>

      {loggingOut ? (
        <LogoutUserDialog
          realm={realm}
          user={user}
          sessionCount={sessionsTotal}
          offlineCount={offlineSessionsTotal}
          returnFocusTo={loggingOut}
          onLoggedOut={() => markLoggedOut(user.id)}
          onClose={() => setLoggingOut(null)}
        />
      ) : null}
    </div>
  );
}

/** "1–100 of 5,000" with previous/next, shown only when the sessions do not fit on one page. */
function SessionsPager({ label, first, max, total, onFirst }: { label: string; first: number; max: number; total: number; onFirst: (first: number) => void }) {
  if (total <= max && first === 0) return null;
  const last = Math.min(first + max, total);
  return (
    <nav aria-label={`Pages of ${label}`} className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
      <p data-testid="sessions-range">
        {formatNumber(total === 0 ? 0 : first + 1)}–{formatNumber(last)} of {formatNumber(total)} {label}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={first === 0} onClick={() => onFirst(Math.max(0, first - max))}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={last >= total} onClick={() => onFirst(first + max)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
