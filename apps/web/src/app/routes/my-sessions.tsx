import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useMe } from '@/features/auth/api/get-me';
import { useSignOut } from '@/features/auth/api/sign-out';
import { MySessionsPanel } from '@/features/my-sessions/components/my-sessions-panel';
import { PermissionRoute } from './access';
import { RoutePage } from './route-page';

export const MySessionsRoute = () => <PermissionRoute anyOf={['own-sessions:read']} page={MySessionsPage} />;

function MySessionsPage() {
  const { data: operator } = useMe();
  const signOut = useSignOut();
  const canEnd = operator?.permissions.includes('own-sessions:end') ?? false;

  return (
    <RoutePage
      title="My sessions"
      description={
        <p>
          Where your own account is signed in.
          {canEnd ? ' End the ones you do not recognise or no longer use.' : ' If you do not recognise one, tell an administrator.'}
        </p>
      }
    >
      {signOut.isError ? (
        <ErrorPanel context="We could not sign you out" error={signOut.error} onRetry={() => signOut.mutate()} retrying={signOut.isPending} />
      ) : null}
      <MySessionsPanel
        canEnd={canEnd}
        operatorRealm={operator?.realm}
        currentSessionAction={
          <Button variant="secondary" size="sm" loading={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out
          </Button>
        }
      />
    </RoutePage>
  );
}
