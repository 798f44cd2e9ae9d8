import { describe, expect, it } from 'vitest';
import { operatorFixture } from '@/testing/fixtures';
import { navigation, navItemHref, visibleNavItems } from './navigation';

const labels = (role: 'admin' | 'helpdesk' | 'auditor') =>
  visibleNavItems(navigation, operatorFixture(role).permissions).map((item) => item.label);

describe('navigation', () => {
  it('shows each role the sections its permissions allow', () => {
    expect(labels('admin')).toEqual(['Home', 'Sessions', 'Users', 'Sessions of concern', 'Audit', 'Keycloak events', 'My sessions', 'Connection']);
    // Help desk reads only its own entries: the link says what the page is for them.
    expect(labels('helpdesk')).toEqual(['Home', 'Sessions', 'Users', 'Sessions of concern', 'My actions', 'My sessions']);
    expect(labels('auditor')).toEqual(['Home', 'Sessions', 'Users', 'Sessions of concern', 'Audit', 'Keycloak events', 'My sessions']);
    expect(visibleNavItems(navigation, []).map((item) => item.label)).toEqual(['Home']);
  });

  it('keeps realm sections in the realm being looked at', () => {
    const [, sessions, users, concerns, audit, events, mine] = navigation;
    expect(navItemHref(concerns!, '/realms/partners/users/u-1')).toBe('/realms/partners/concerns');
    expect(navItemHref(concerns!, '/audit')).toBe('/concerns');
    expect(navItemHref(sessions!, '/realms/partners/users/u-1')).toBe('/realms/partners/sessions');
    expect(navItemHref(events!, '/realms/partners/users/u-1')).toBe('/realms/partners/events');
    expect(navItemHref(events!, '/audit')).toBe('/events');
    expect(navItemHref(audit!, '/realms/partners/sessions')).toBe('/audit');
    expect(navItemHref(users!, '/realms/partners/sessions')).toBe('/realms/partners/users');
    expect(navItemHref(users!, '/me/sessions')).toBe('/users');
    expect(navItemHref(mine!, '/realms/partners/sessions')).toBe('/me/sessions');
  });
});
