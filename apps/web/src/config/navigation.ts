import type { Permission } from '@session-desk/contracts';
import { matchPattern, paths } from './paths';

export interface NavItem {
  to: string;
  label: string;
  /** Shown only to operators holding at least one of these permissions; omitted = everyone. */
  requiresAny?: readonly Permission[];
  /** Match the path exactly (for "/"). */
  end?: boolean;
  /** A per-realm section: while a realm is open, the link stays in that realm. */
  realmSection?: RealmSection;
  /** A count shown next to the label (the shell renders it for the realm being looked at). */
  badge?: 'concerns';
  /** The label for operators who hold only this permission of `requiresAny` (the page's own heading for them). */
  labelWhenOnly?: { permission: Permission; label: string };
}

type RealmSection = 'sessions' | 'users' | 'events' | 'concerns';

const realmSectionPaths: Record<RealmSection, (realm: string) => string> = {
  sessions: paths.sessions,
  users: paths.users,
  events: paths.events,
  concerns: paths.concerns,
};

/**
 * The console's sections, in display order. The BFF enforces permissions; hiding links only keeps
 * the console tidy.
 */
export const navigation: readonly NavItem[] = [
  { to: paths.home, label: 'Home', end: true },
  { to: paths.sessionsEntry, label: 'Sessions', requiresAny: ['sessions:read'], realmSection: 'sessions' },
  { to: paths.usersEntry, label: 'Users', requiresAny: ['users:read'], realmSection: 'users' },
  { to: paths.concernsEntry, label: 'Sessions of concern', requiresAny: ['sessions:read'], realmSection: 'concerns', badge: 'concerns' },
  { to: paths.audit(), label: 'Audit', requiresAny: ['audit:read', 'audit:read-own'], labelWhenOnly: { permission: 'audit:read-own', label: 'My actions' } },
  { to: paths.eventsEntry, label: 'Keycloak events', requiresAny: ['events:read'], realmSection: 'events' },
  { to: paths.mySessions, label: 'My sessions', requiresAny: ['own-sessions:read'] },
  { to: paths.connection, label: 'Connection', requiresAny: ['health:read'] },
];

export function visibleNavItems(items: readonly NavItem[], granted: readonly Permission[]): NavItem[] {
  return items
    .filter((item) => !item.requiresAny || item.requiresAny.some((p) => granted.includes(p)))
    .map((item) => {
      const only = item.labelWhenOnly;
      const held = item.requiresAny?.filter((p) => granted.includes(p)) ?? [];
      return only && held.length === 1 && held[0] === only.permission ? { ...item, label: only.label } : item;
    });
}

/** The realm being looked at (`/realms/:realm/…`), if any. */
export function realmOfPath(pathname: string): string | undefined {
  return matchPattern(paths.realm.pattern, pathname, { prefix: true })?.realm;
}

/** Where a nav item points from `pathname`: realm sections follow the realm being looked at. */
export function navItemHref(item: NavItem, pathname: string): string {
  if (!item.realmSection) return item.to;
  const realm = realmOfPath(pathname);
  if (!realm) return item.to;
  return realmSectionPaths[item.realmSection](realm);
}
