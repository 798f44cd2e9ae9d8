import type { Permission } from '@session-desk/contracts';
import { EmptyState } from '@/components/ui/empty-state';
import { describePermissions } from '../lib/permissions';
import { SolidIcon } from '@/components/ui/icons';

function CheckIcon() {
  return (
    <SolidIcon className="mt-0.5 size-4 shrink-0 text-accent-600" d="M16.7 5.3a1 1 0 0 1 0 1.4l-7.5 7.5a1 1 0 0 1-1.4 0l-3.5-3.5a1 1 0 1 1 1.4-1.4l2.8 2.79 6.8-6.8a1 1 0 0 1 1.4 0Z" />
  );
}

function Group({ id, title, items }: { id: string; title: string; items: string[] }) {
  return (
    <div>
      <h3 id={id} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title}
      </h3>
      <ul aria-labelledby={id} className="mt-2 space-y-2">
        {items.map((text) => (
          <li key={text} className="flex gap-2 text-sm text-slate-800">
            <CheckIcon />
            <span>{text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the operator's permissions let them do, as readable sentences. */
export function PermissionList({ permissions }: { permissions: readonly Permission[] }) {
  const { view, change } = describePermissions(permissions);
  if (view.length === 0 && change.length === 0) {
    return (
      <EmptyState
        title="No permissions yet"
        description="Your account can sign in but is not allowed to do anything in Session Desk. Ask an administrator to give you a role."
      />
    );
  }
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {view.length > 0 ? <Group id="permissions-view" title="You can see" items={view} /> : null}
      {change.length > 0 ? <Group id="permissions-change" title="You can change" items={change} /> : null}
    </div>
  );
}
