import { Link, useSearchParams } from 'wouter';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { SearchInput } from '@/components/ui/search-input';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { useSearchUsers } from '../api/search-users';
import { fullName } from '../lib/full-name';

/** Search a realm's users by username, email or name; the search lives in the URL (?q=). */
export function UserSearchPanel({ realm }: { realm: string }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const query = q.trim();
  const search = useSearchUsers(realm, q);

  function setQuery(next: string) {
    setParams(next.trim() ? { q: next } : {}, { replace: true });
  }

  return (
    <div className="space-y-4 wrap-anywhere">
      <SearchInput
        label="Search users"
        placeholder="Username, email, first or last name"
        value={q}
        onValueChange={setQuery}
        className="max-w-xl"
        autoFocus
        slashShortcut
        landmark="User search"
      />

      {!query ? (
        <EmptyState
          title="Find a user"
          description="Type how a username, email address, first or last name begins (Keycloak matches from the start; put * where anything may come, as in *@example.org). Open a user to see their sessions."
        />
      ) : search.data ? (
        search.data.items.length === 0 ? (
          <EmptyState
            title={`No users match “${query}” in ${realm}`}
            description="Keycloak matches a username, email address, first or last name from its start: check the spelling, type how it begins, or put * where anything may come (as in *bauer@example.org)."
            action={
              <button
                type="button"
                onClick={() => setQuery('')}
                className="text-sm font-medium text-accent-700 hover:text-accent-900 hover:underline"
              >
                Clear the search
              </button>
            }
          />
        ) : (
          <Card aria-labelledby="user-results-heading" className={cn('transition-opacity', search.isPlaceholderData && 'opacity-60')}>
            <h2 id="user-results-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
              {search.data.more ? `First ${search.data.items.length} users matching “${query}”` : `Users matching “${query}”`}
            </h2>
            <ul aria-labelledby="user-results-heading" aria-busy={search.isPlaceholderData || undefined} className="divide-y divide-slate-100">
              {search.data.items.map((user) => (
                <li key={user.id} data-testid="user-result">
                  <Link
                    to={paths.user(realm, user.id)}
                    className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-600"
                  >
                    <span className="min-w-0">
                      <span className="block font-medium wrap-anywhere text-accent-700">{user.username}</span>
                      <span className="block text-sm wrap-anywhere text-slate-600">{[fullName(user), user.email].filter(Boolean).join(' · ') || 'No name or email'}</span>
                    </span>
                    {user.enabled ? null : <Badge tone="danger">Disabled</Badge>}
                  </Link>
                </li>
              ))}
            </ul>
            {search.data.more ? (
              <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
                More users match. Type more of the name to narrow it down.
              </p>
            ) : null}
          </Card>
        )
      ) : search.isError ? (
        <QueryErrorPanel context="The users could not be searched" query={search} />
      ) : (
        <Card>
          <p className="sr-only">Searching users…</p>
          <ul aria-hidden="true" className="divide-y divide-slate-100">
            {[0, 1, 2].map((row) => (
              <li key={row} className="space-y-2 px-4 py-3">
                <Skeleton className="w-40" />
                <Skeleton className="w-64" />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
