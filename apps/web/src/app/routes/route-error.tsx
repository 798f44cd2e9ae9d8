import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { FullPageMessage } from '@/components/ui/full-page-status';
import { env } from '@/config/env';

/** Last line of defence for rendering errors: a calm page with a reload, never a blank screen. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? ` (${error.status})` : '';
  return (
    <FullPageMessage brand={env.APP_NAME}>
      <ErrorPanel context={`This page could not be shown${status}`} error={error} />
      <Button className="mt-4" variant="secondary" onClick={() => window.location.reload()}>
        Reload the page
      </Button>
    </FullPageMessage>
  );
}
