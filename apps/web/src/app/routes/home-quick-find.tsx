import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { SearchInput } from '@/components/ui/search-input';
import { paths } from '@/config/paths';
import { formatCount } from '@/lib/format';
import { useNavigate } from '@/lib/router';
import { realmsQueryOptions } from '@/features/realms/api/get-realms';
import { sessionsQueryOptions, useSessions, type GetSessionsParams } from '@/features/sessions/api/get-sessions';
import { searchUsersQueryOptions, useSearchUsers } from '@/features/users/api/search-users';

const linkClass =
  'font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600';

const withQ = (path: string, q: string) => `${path}?${new URLSearchParams({ q }).toString()}`;

/** Where Enter goes for a search: where the results point. */
interface Destination {
  q: string;
  to: string;
}

/** The quick find's sessions preview: the five most recent matching sessions (and their total). */
const previewParams = (realm: string, q: string): GetSessionsParams => ({ realm, q, first: 0, max: 5, sort: 'lastAccess:desc' });

/** Where Enter goes: the one matching user; else every matching user when no one matching is signed in; else the sessions. */
function destinationOf(realm: string, q: string, users: ReadonlyArray<{ id: string }>, sessionsTotal: number): string {
  const [onlyUser] = users.length === 1 ? users : [];
  if (onlyUser) return paths.user(realm, onlyUser.id);
  return users.length > 0 && sessionsTotal === 0 ? withQ(paths.users(realm), q) : withQ(paths.sessions(realm), q);
}

function Results({ realm, q, onDestination }: { realm: string; q: string; onDestination: (destination: Destination) => void }) {
  const users = useSearchUsers(realm, q);
  const sessions = useSessions(previewParams(realm, q));
  // Known only once both answers are in: until then Enter waits for them (HomeQuickFind's `go`).
  const to = users.data && sessions.data ? destinationOf(realm, q, users.data.items, sessions.data.total) : undefined;
  useEffect(() => {
    if (to) onDestination({ q, to });
  }, [q, to, onDestination]);
  return (
    <div className="mt-4 grid gap-4 wrap-anywhere md:grid-cols-2" aria-busy={users.isFetching || sessions.isFetching || undefined}>
      <section aria-labelledby="quick-users-heading" className="min-w-0">
        <h3 id="quick-users-heading" className="text-sm font-semibold text-slate-900">
          Users
        </h3>
        {users.data ? (
          users.data.items.length > 0 ? (
            <ul className="mt-2 space-y-1.5 text-sm" data-testid="quick-find-users">
              {users.data.items.slice(0, 5).map((user) => (
                <li key={user.id} className="min-w-0">
                  <Link to={paths.user(realm, user.id)} className={linkClass}>
                    {user.username}
                  </Link>
                  {user.email ? <span className="text-slate-500"> · {user.email}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-600">No user matches “{q}”.</p>
          )
        ) : (
          <p className="mt-2 text-sm text-slate-500">Searching…</p>
        )}
        {/* A link to a list known to be empty leads nowhere: offered once there is something to see. */}
        {users.data?.items.length === 0 ? null : (
          <p className="mt-2 text-sm">
            <Link to={withQ(paths.users(realm), q)} className={linkClass}>
              All users matching “{q}”
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="quick-sessions-heading" className="min-w-0">
        <h3 id="quick-sessions-heading" className="text-sm font-semibold text-slate-900">
          Sessions
        </h3>
        {sessions.data ? (
          sessions.data.items.length > 0 ? (
            <ul className="mt-2 space-y-1.5 text-sm" data-testid="quick-find-sessions">
              {sessions.data.items.map((session) => (
                <li key={`${session.type}:${session.id}`} className="min-w-0">
                  <Link to={paths.user(realm, session.userId)} className={linkClass}>
                    {session.username}
                  </Link>
                  <span className="text-slate-500">
                    {' '}
                    · <span className="font-mono text-xs">{session.ipAddress}</span> · <RelativeTime iso={session.lastAccess} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-600">No one matching “{q}” is signed in.</p>
          )
        ) : (
          <p className="mt-2 text-sm text-slate-500">Searching…</p>
        )}
        {sessions.data?.total === 0 ? null : (
          <p className="mt-2 text-sm">
            <Link to={withQ(paths.sessions(realm), q)} className={linkClass}>
              {sessions.data ? `All ${formatCount(sessions.data.total, 'session')} matching “${q}”` : `Sessions matching “${q}”`}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}

/**
 * Home's search: type a name, username, email, IP address, client, country or network and go straight
 * to the user or their sessions. Enter opens where the results point: the one matching user, else the
 * matching sessions (or users, when no one matching is signed in).
 */
export function HomeQuickFind() {
  const [q, setQ] = useState('');
  const query = q.trim();
  const realms = useQuery({ ...realmsQueryOptions(), enabled: query !== '' });
  const realm = realms.data?.defaultRealm;
  const navigate = useNavigate();
  const destination = useRef<Destination | null>(null);
  const [rememberDestination] = useState(() => (next: Destination) => {
    destination.current = next;
  });
  const queryClient = useQueryClient();
  const go = async (value: string) => {
    const typed = value.trim();
    if (!typed) return;
    if (destination.current?.q === typed) return navigate(destination.current.to);
    // Results not in yet for what was just typed: the same answers the results wait for, so Enter
    // goes to the same place however fast it is pressed.
    const { defaultRealm } = await queryClient.fetchQuery(realmsQueryOptions());
    const [users, sessions] = await Promise.all([
      queryClient.fetchQuery(searchUsersQueryOptions(defaultRealm, typed)),
      queryClient.fetchQuery(sessionsQueryOptions(previewParams(defaultRealm, typed))),
    ]);
    navigate(destinationOf(defaultRealm, typed, users.items, sessions.total));
  };
  return (
    <Card aria-labelledby="quick-find-heading">
      <CardHeader id="quick-find-heading" title="Find a user or session" description="A name, username, email, IP address, client, country or network. Enter opens the one matching user or the matching sessions; / comes back here." />
      <CardBody>
        <SearchInput label="Find a user or session" placeholder="e.g. alice, alice@example.org, 10.0.0.7" value={q} onValueChange={setQ} onSubmitValue={(value) => void go(value).catch(() => undefined)} autoFocus slashShortcut landmark="Quick find" />
        {query && realm ? <Results realm={realm} q={query} onDestination={rememberDestination} /> : null}
      </CardBody>
    </Card>
  );
}
