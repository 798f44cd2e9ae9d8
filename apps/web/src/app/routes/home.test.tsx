import type { Role } from '@session-desk/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

async function renderHomeAs(role: Role) {
  const operator = operatorFixture(role);
  mockFetch({ 'GET /api/me': { json: operator } });
  renderApp('/');
  await screen.findByRole('heading', { name: `Welcome, ${operator.name}` });
  return operator;
}

function listItems(name: string): string[] {
  const list = screen.queryByRole('list', { name });
  return list ? within(list).getAllByRole('listitem').map((item) => item.textContent ?? '') : [];
}

describe('Home page', () => {
  it('says who is signed in and in which realm', async () => {
    const operator = await renderHomeAs('helpdesk');

    expect(screen.getByText((_, el) => el?.tagName === 'P' && el.textContent === 'Signed in as Hal Helpdesk (hal.helpdesk)')).toBeTruthy();
    const roleCard = screen.getByRole('region', { name: 'Your role' });
    expect(within(roleCard).getByText('Help desk')).toBeTruthy();
    expect(roleCard.textContent).toContain('always recording a reason');
    expect(roleCard.textContent).toContain(operator.realm);
  });

  it('lists what a help-desk operator can see and change', async () => {
    await renderHomeAs('helpdesk');

    expect(listItems('You can change')).toEqual([
      "End a user's session (with a reason)",
      'Sign a user out of all their sessions (with a reason)',
      'End your own sessions',
      'End several selected sessions at once (with a reason)',
    ]);
    expect(listItems('You can see')).toContain('Find users and look at their details');
    expect(listItems('You can see')).toContain('Read the audit trail of your own actions');
    expect(screen.queryByTestId('read-only-notice')).toBeNull();
  });

  it('tells an auditor they are read-only and lists no changes', async () => {
    await renderHomeAs('auditor');

    expect(screen.getByTestId('read-only-notice').textContent).toContain(
      'Read-only: you can look but not change anything',
    );
    expect(listItems('You can change')).toEqual([]);
    expect(listItems('You can see')).toContain("Read the audit trail of every operator's actions");
    expect(listItems('You can see')).toContain('Read Keycloak sign-in and admin events');
  });

  it('shows an administrator the realm-wide powers', async () => {
    await renderHomeAs('admin');

    const changes = listItems('You can change');
    expect(changes).toContain('Sign everyone out of the whole realm (with a reason)');
    expect(changes).toContain('End every session that matches a search (with a reason)');
    expect(changes).toContain('Switch and tune the rules that flag sessions of concern (with a reason)');
    expect(changes).toHaveLength(8);
    expect(screen.queryByTestId('read-only-notice')).toBeNull();
  });

  it('shows an empty state when the operator has no permissions', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('auditor', { permissions: [] }) } });
    renderApp('/');

    expect(await screen.findByText('No permissions yet')).toBeTruthy();
  });
});
