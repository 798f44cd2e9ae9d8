import { Link } from 'wouter';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { EmptyState } from '@/components/ui/empty-state';
import { hasActiveFilters, type SessionsView } from '../lib/sessions-view';

/** "No sessions match “alice” on demo-portal", "No offline sessions on demo-portal", … */
function noMatchTitle(realm: string, view: SessionsView): string {
  const kind = view.type ? `${view.type} sessions` : 'sessions';
  const q = view.q.trim();
  const where = view.client ? ` on ${view.client}` : '';
  if (q) return `No ${kind} match “${q}”${where}`;
  return `No ${kind}${where || ` in ${realm}`}`;
}

/** Nothing to list: says why (filters, or simply nobody signed in) and offers the way out. */
export function SessionsEmptyState({
  realm,
  view,
  total,
  onClearFilters,
  onFirstPage,
  endedHere = false,
}: {
  realm: string;
  view: SessionsView;
  total: number;
  /** The operator ended sessions in this very list: it is empty because of that. */
  endedHere?: boolean;
  onClearFilters: () => void;
  onFirstPage: () => void;
}) {
  if (total > 0) {
    return (
      <EmptyState
        className="m-4"
        title="This page is past the end of the list"
        description="Sessions ended since the link was made, so there are fewer pages now."
        action={
          <Button variant="secondary" onClick={onFirstPage}>
            Go to the first page
          </Button>
        }
      />
    );
  }
  const q = view.q.trim();
  if (endedHere && q) {
    return (
      <EmptyState
        className="m-4"
        title={`No sessions left for “${q}”`}
        description="The sessions you ended are gone; nothing matching this search is signed in any more."
        action={
          <Button variant="secondary" onClick={onClearFilters}>
            Show all sessions
          </Button>
        }
      />
    );
  }
  if (hasActiveFilters(view)) {
    return (
      <EmptyState
        className="m-4"
        title={noMatchTitle(realm, view)}
        description={
          q ? (
            <>
              Nobody matching this is signed in (the search covers names, usernames, emails, IP addresses, client ids, session ids,
              countries and networks), or check the spelling. To find the person rather than a session,{' '}
              <Link
                to={`${paths.users(realm)}?${new URLSearchParams({ q }).toString()}`}
                className="font-medium text-accent-700 underline hover:text-accent-900 focus-visible:outline-2 focus-visible:outline-accent-600"
              >
                search users for “{q}”
              </Link>
              .
            </>
          ) : (
            'Nothing matches these filters. Clear them to see every session.'
          )
        }
        action={
          <Button variant="secondary" onClick={onClearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      className="m-4"
      title={`No one is signed in to ${realm} right now`}
      description="Sessions appear here as soon as someone signs in; this list refreshes itself."
    />
  );
}
