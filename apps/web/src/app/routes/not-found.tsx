import { Link, useLocation } from 'wouter';
import { EmptyState } from '@/components/ui/empty-state';
import { env } from '@/config/env';

export function NotFoundRoute() {
  const [pathname] = useLocation();
  return (
    <div className="mx-auto max-w-xl py-8">
      <title>{`Page not found · ${env.APP_NAME}`}</title>
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <EmptyState
        className="mt-6"
        title="There is nothing at this address"
        description={
          <>
            <span className="font-mono break-all">{pathname}</span> does not exist in {env.APP_NAME}. Check the link,
            or go back to the start.
          </>
        }
        action={
          <Link
            to="/"
            className="inline-flex h-10 items-center rounded-md bg-accent-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
          >
            Go to Home
          </Link>
        }
      />
    </div>
  );
}
