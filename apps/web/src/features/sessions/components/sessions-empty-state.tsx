import { Button } from '@/components/ui/button';
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
}: {
  realm: string;
  view: SessionsView;
  total: number;
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
  if (hasActiveFilters(view)) {
    return (
      <EmptyState
        className="m-4"
        title={noMatchTitle(realm, view)}
        description="Check the spelling, search for part of a name, username, email, IP address, client id or session id, or clear the filters."
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
