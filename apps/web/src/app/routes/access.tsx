import type { Permission } from '@session-desk/contracts';
import { isRealmName } from '@session-desk/contracts/rules';
import type { ComponentType, ReactNode } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/features/auth/api/get-me';
import { useRealms } from '@/features/realms/api/get-realms';
import { useRouteParam, useSearchString } from '@/lib/router';
import { NotFoundRoute } from './not-found';

/**
 * Route-level composition helpers: the only place that combines the operator (auth feature) with
 * the realm list (realms feature) to decide what a page may offer. The BFF enforces the same.
 */

/** Renders children only for operators holding one of `anyOf`; otherwise a calm "no access" page. */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Permission[]; children: ReactNode }) {
  const { data: operator } = useMe();
  if (!operator) return null;
  if (anyOf.some((permission) => operator.permissions.includes(permission))) return children;
  return (
    <EmptyState
      className="mx-auto mt-8 max-w-xl"
      title="Your role does not include this page"
      description="If you need it for your work, ask a Session Desk administrator."
    />
  );
}

/**
 * The `:realm` path segment when it is a valid realm name, else a 404 page. Once the realm list is
 * known, a realm not in it gets `UnmanagedRealm`; until then (and when the list cannot be loaded)
 * the page renders, so its data is not held behind the list, and the server has the last word.
 */
export function WithRealm({ children }: { children: (realm: string) => ReactNode }) {
  const realm = useRouteParam('realm');
  const realms = useRealms();
  if (!isRealmName(realm)) return <NotFoundRoute />;
  if (realms.data && !realms.data.realms.some((candidate) => candidate.name === realm)) {
    return <UnmanagedRealm realm={realm} defaultRealm={realms.data.defaultRealm} />;
  }
  return children(realm);
}

/**
 * Whether the operator may do `permission` in `realm`: they must hold it (GET /api/me) and the realm
 * list must grant it for this realm. Until the realm list is known, actions stay hidden (better
 * than showing a button and taking it away); if it cannot be loaded, the operator's own
 * permissions decide and the server has the last word.
 */
export function useRealmCan(realm: string): (permission: Permission) => boolean {
  const { data: operator } = useMe();
  const realms = useRealms();
  return (permission) => {
    if (!operator?.permissions.includes(permission)) return false;
    if (realms.isError) return true;
    const entry = realms.data?.realms.find((candidate) => candidate.name === realm);
    return entry?.permissions.includes(permission) ?? false;
  };
}

/** `/sessions`, `/users`: go to the default realm's page, keeping the query string. */
export function DefaultRealmRedirect({ to }: { to: (realm: string) => string }) {
  const realms = useRealms();
  const search = useSearchString();
  if (realms.data) return <Redirect to={`${to(realms.data.defaultRealm)}${search}`} replace />;
  if (realms.isError) {
    return (
      <QueryErrorPanel context="The realms could not be loaded" query={realms} />
    );
  }
  return (
    <p className="flex items-center gap-2 text-sm text-slate-600">
      <Spinner size="sm" /> Loading realms…
    </p>
  );
}

/** A route behind one of `anyOf`, showing `page`. */
export function PermissionRoute({ anyOf, page: Page }: { anyOf: readonly Permission[]; page: ComponentType }) {
  return (
    <RequirePermission anyOf={anyOf}>
      <Page />
    </RequirePermission>
  );
}

/** `/sessions`-style entry route: behind `permission`, on to the default realm's page. */
export function RealmEntryRoute({ permission, to }: { permission: Permission; to: (realm: string) => string }) {
  return (
    <RequirePermission anyOf={[permission]}>
      <DefaultRealmRedirect to={to} />
    </RequirePermission>
  );
}

/**
 * A realm this console does not manage, named in the URL: said plainly, with the way to the same
 * section of the default realm, instead of a page whose every request answers 404.
 */
function UnmanagedRealm({ realm, defaultRealm }: { realm: string; defaultRealm: string }) {
  const [pathname] = useLocation();
  // The section the URL asked for (sessions, users, events, concerns), in the default realm.
  const section = /^\/realms\/[^/]+\/([^/]+)/.exec(pathname)?.[1] ?? 'sessions';
  return (
    <EmptyState
      className="mx-auto mt-8 max-w-xl"
      title={`Session Desk does not manage the realm “${realm}”`}
      description="Its sessions and users are not shown here. Pick one of the managed realms, or ask a Session Desk administrator to add this one."
      action={
        <Link
          to={`/realms/${encodeURIComponent(defaultRealm)}/${section}`}
          className="text-sm font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
        >
          Go to {defaultRealm}
        </Link>
      }
    />
  );
}

/**
 * A `:realm` route behind `permission`: `page` for a valid realm name, mounted afresh for each realm.
 * Once the realm list is known, a realm not in it gets `UnmanagedRealm`; until then (and if the list
 * cannot be loaded) the page renders and the server has the last word.
 */
export function RealmRoute({ permission, page: Page }: { permission: Permission; page: ComponentType<{ realm: string }> }) {
  return (
    <RequirePermission anyOf={[permission]}>
      <WithRealm>{(realm) => <Page key={realm} realm={realm} />}</WithRealm>
    </RequirePermission>
  );
}
