import type { Permission } from '@session-desk/contracts';

export interface NavItem {
  to: string;
  label: string;
  /** Shown only to operators holding at least one of these permissions; omitted = everyone. */
  requiresAny?: readonly Permission[];
  /** Match the path exactly (for "/"). */
  end?: boolean;
}

/**
 * The console's sections, in display order. Later pages plug in here, e.g.
 *   { to: '/sessions', label: 'Sessions', requiresAny: ['sessions:read'] },
 *   { to: '/users', label: 'Users', requiresAny: ['users:read'] },
 *   { to: '/me/sessions', label: 'My sessions', requiresAny: ['own-sessions:read'] },
 *   { to: '/audit', label: 'Audit', requiresAny: ['audit:read', 'audit:read-own'] },
 *   { to: '/events', label: 'Keycloak events', requiresAny: ['events:read'] },
 * The BFF enforces permissions; hiding links only keeps the console tidy.
 */
export const navigation: readonly NavItem[] = [{ to: '/', label: 'Home', end: true }];

export function visibleNavItems(items: readonly NavItem[], granted: readonly Permission[]): NavItem[] {
  return items.filter((item) => !item.requiresAny || item.requiresAny.some((p) => granted.includes(p)));
}
