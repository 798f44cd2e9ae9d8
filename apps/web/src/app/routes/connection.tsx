import { Button } from '@/components/ui/button';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Spinner } from '@/components/ui/spinner';
import { useConnection } from '@/features/connection/api/get-connection';
import { ConnectionPanel } from '@/features/connection/components/connection-panel';
import { PermissionRoute } from './access';
import { RoutePage } from './route-page';

export const ConnectionRoute = () => <PermissionRoute anyOf={['health:read']} page={ConnectionPage} />;

/** What `npm run doctor` checks, run by the BFF now: for administrators setting up or troubleshooting. */
function ConnectionPage() {
  const connection = useConnection();
  return (
    <RoutePage
      title="Connection"
      description={
        <p>
          Whether Keycloak gives the console everything it needs: for every managed realm the service account and each role the console
          relies on, the operator client’s redirect URI, back-channel logout, events, and the Keycloak version.
        </p>
      }
      actions={
        <Button variant="secondary" loading={connection.isFetching} onClick={() => void connection.refetch()}>
          Check again
        </Button>
      }
    >
      {connection.data ? <ConnectionPanel report={connection.data} /> : null}
      {connection.isPending ? (
        <div role="status" aria-live="polite" className="flex items-center gap-3 text-sm text-slate-700">
          <Spinner className="text-accent-600" />
          Checking the connection to Keycloak…
        </div>
      ) : null}
      {connection.isError ? (
        <QueryErrorPanel context="The connection checks could not run" query={connection} />
      ) : null}
    </RoutePage>
  );
}
