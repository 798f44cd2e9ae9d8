import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { FullPageMessage } from '@/components/ui/full-page-status';
import { env } from '@/config/env';

/** Last line of defence for rendering errors (app/router.tsx): a calm page with a reload, never a blank screen. */
export function RouteErrorPage({ error }: { error: unknown }) {
  return (
    <FullPageMessage brand={env.APP_NAME}>
      <ErrorPanel context="This page could not be shown" error={error} />
      <Button className="mt-4" variant="secondary" onClick={() => window.location.reload()}>
        Reload the page
      </Button>
    </FullPageMessage>
  );
}
