import type { MeResponse } from '@session-desk/contracts';
import { RoleBadge } from './role-badge';

/** Who is signed in, for the header: name, username and role (stable test ids for end-to-end tests). */
export function OperatorBadge({ operator }: { operator: Pick<MeResponse, 'name' | 'username' | 'primaryRole'> }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <div className="min-w-0 text-right leading-tight">
        <p className="sr-only">Signed in as</p>
        <p className="hidden truncate text-sm font-medium text-slate-900 sm:block" title={operator.name}>
          {operator.name}
        </p>
        <p className="truncate text-xs text-slate-500" title={operator.username}>
          <span data-testid="operator-username">{operator.username}</span>
        </p>
      </div>
      {/* Below `sm` the role gives way to the product name and Sign out. */}
      <RoleBadge role={operator.primaryRole} data-testid="operator-role" className="max-sm:hidden" />
    </div>
  );
}
