import { Notice } from '@/components/ui/notice';
import { useMe } from '@/features/auth/api/get-me';
import { AuditTrailPanel } from '@/features/audit/components/audit-trail-panel';
import { useRealms } from '@/features/realms/api/get-realms';
import { PermissionRoute } from './access';
import { RoutePage } from './route-page';

export const AuditRoute = () => <PermissionRoute anyOf={['audit:read', 'audit:read-own']} page={AuditPage} />;

/** The audit trail (audit:read), or the operator's own actions (audit:read-own, help-desk). */
function AuditPage() {
  const { data: operator } = useMe();
  const realms = useRealms();
  const full = operator?.permissions.includes('audit:read') ?? false;
  const title = full ? 'Audit' : 'My actions';

  return (
    <RoutePage
      title={title}
      description={
        <p>
          {full
            ? 'Every destructive action taken through Session Desk: who, what, to whom, why and how it ended. Records are hash-chained, so changes to the trail can be detected.'
            : 'What you did through Session Desk: the sessions you ended and the users you logged out, with your reasons and how it ended.'}
        </p>
      }
    >
      {full ? null : (
        <Notice data-testid="own-entries-note" title="Only your own entries">
          Your role shows you the actions you took yourself. Auditors and administrators see everyone’s.
        </Notice>
      )}
      <AuditTrailPanel
        scope={full ? 'all' : 'own'}
        canVerify={full}
        realms={realms.data?.realms.map((realm) => realm.name) ?? []}
      />
    </RoutePage>
  );
}
