import { describe, expect, it } from 'vitest';
import { operatorFixture } from '@/testing/fixtures';
import { navigation, navItemHref, visibleNavItems } from './navigation';

const labels = (role: 'admin' | 'helpdesk' | 'auditor') =>
  visibleNavItems(navigation, operatorFixture(role).permissions).map((item) => item.label);

describe('navigation', () => {
  it('shows each role the sections its permissions allow', () => {
    expect(labels('admin')).toEqual(['Home', 'Sessions', 'Users', 'My sessions']);
    expect(labels('auditor')).toEqual(['Home', 'Sessions', 'Users']);
    expect(visibleNavItems(navigation, []).map((item) => item.label)).toEqual(['Home']);
  });

  it('keeps realm sections in the realm being looked at', () => {
    const [, sessions, users, mine] = navigation;
    expect(navItemHref(sessions!, '/realms/partners/users/u-1')).toBe('/realms/partners/sessions');
    expect(navItemHref(users!, '/realms/partners/sessions')).toBe('/realms/partners/users');
    expect(navItemHref(users!, '/me/sessions')).toBe('/users');
    expect(navItemHref(mine!, '/realms/partners/sessions')).toBe('/me/sessions');
  });
});
