import { isRouteErrorResponse, useRouteError } from 'react-router';
import { BrandMark } from '@/components/ui/brand-mark';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { FullPageMessage } from '@/components/ui/full-page-status';
import { env } from '@/config/env';

/** Last line of defence for rendering errors: a calm page with a reload, never a blank screen. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? ` (${error.status})` : '';
  return (
    <FullPageMessage>
      <div className="mb-6 flex items-center gap-3">
        <BrandMark />
        <span className="text-lg font-semibold text-slate-900">{env.APP_NAME}</span>
      </div>
      <ErrorPanel context={`This page could not be shown${status}`} error={error} />
      <Button className="mt-4" variant="secondary" onClick={() => window.location.reload()}>
        Reload the page
      </Button>
    </FullPageMessage>
  );
}
