import { concernSettingsDefaults, type ConcernItem, type ConcernListResponse, type ConcernSettingsResponse, type Role } from '@session-desk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, type MockReply } from '@/testing/fetch-mock';
import { operatorFixture, realmsFixture, sessionFixture, userDetailFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

const alice = sessionFixture();
const bob = sessionFixture({ id: 'sess-bob-0001', userId: 'user-bob', username: 'bob.stone', email: null, type: 'offline' });
const items: ConcernItem[] = [
  { id: 'too-many-sessions:user-alice', rule: 'too-many-sessions', reason: '7 live sessions (limit 5)', user: { id: 'user-alice', username: 'alice.martin' }, sessionIds: [alice.id], sessions: [alice] },
  { id: 'idle-offline:user-bob', rule: 'idle-offline', reason: 'Offline session unused for 31 days (limit 30 days)', user: { id: 'user-bob', username: 'bob.stone' }, sessionIds: [bob.id], sessions: [bob] },
];
const byRule = { 'many-countries': 0, 'too-many-sessions': 1, 'new-country': 0, 'idle-offline': 1, 'old-session': 0 };
const list: ConcernListResponse = {
  realm: 'demo',
  items,
  byRule,
  settings: { ...concernSettingsDefaults, 'new-country': { enabled: false } },
  evaluatedAt: '2030-01-01T09:59:00.000Z',
  snapshot: { builtAt: '2030-01-01T09:59:00.000Z', ageSeconds: 60, refreshing: false, buildMs: 10, refreshFailed: null },
};
const settings: ConcernSettingsResponse = { realm: 'demo', settings: list.settings, defaults: concernSettingsDefaults, updatedAt: null, updatedBy: null };

function setup(role: Role, routes: Record<string, MockReply | MockReply[]> = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture(role) },
    'GET /api/realms': { json: realmsFixture() },
    'GET /api/realms/demo/concerns': { json: list },
    'GET /api/realms/demo/concerns/count': { json: { realm: 'demo', count: 2, byRule } },
    'GET /api/realms/demo/concerns/settings': { json: settings },
    'GET /api/realms/demo/users/user-alice': { json: userDetailFixture() },
    'GET /api/realms/demo/users/user-bob': { json: userDetailFixture() },
    ...routes,
  });
  return { ...renderApp('/realms/demo/concerns'), fetchMock };
}

const ruleCard = (name: string) => screen.getByRole('region', { name });

describe('Sessions of concern page', () => {
  it('lists the cases grouped by rule, each with its user, reason and sessions; says which rules flag nothing or are off', async () => {
    setup('auditor');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sessions of concern' })).toBeTruthy();
    const many = await screen.findByRole('region', { name: 'Too many sessions' });
    expect(within(many).getByTestId('concern-reason').textContent).toBe('7 live sessions (limit 5)');
    expect(within(within(many).getByRole('heading', { level: 3 })).getByRole('link', { name: 'alice.martin' }).getAttribute('href')).toBe('/realms/demo/users/user-alice');
    expect(within(many).getAllByTestId('concern-session-row').map((row) => row.dataset.sessionId)).toEqual([alice.id]);
    expect(within(ruleCard('Unused offline sessions')).getByTestId('concern-reason').textContent).toBe('Offline session unused for 31 days (limit 30 days)');
    expect(within(ruleCard('Old sessions')).getByText('Nothing flagged now.')).toBeTruthy();
    expect(within(ruleCard('New country')).getByText('Switched off')).toBeTruthy();
    expect(screen.getAllByTestId('concern-rule').map((card) => card.dataset.rule)).toEqual(['many-countries', 'too-many-sessions', 'new-country', 'idle-offline', 'old-session']);
    // Above them, one link per rule with its count, to its heading.
    const index = within(screen.getByRole('navigation', { name: 'Rules on this page' })).getAllByRole('link');
    expect(index.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Sessions from several countries0', '#rule-many-countries'],
      ['Too many sessions1', '#rule-too-many-sessions'],
      ['New country0', '#rule-new-country'],
      ['Unused offline sessions1', '#rule-idle-offline'],
      ['Old sessions0', '#rule-old-session'],
    ]);
    for (const link of index) expect(document.getElementById(link.getAttribute('href')?.slice(1) ?? '')).toBeTruthy();
  });

  it('draws a rule that flags many users 20 cases at a time, with the rest on demand', async () => {
    const many: ConcernItem[] = Array.from({ length: 45 }, (_, i) => {
      const session = sessionFixture({ id: `sess-old-${String(i).padStart(4, '0')}`, userId: `user-${i}`, username: `user.${i}` });
      return { id: `old-session:user-${i}`, rule: 'old-session', reason: 'Signed in 3 hours ago (limit 2 hours)', user: { id: `user-${i}`, username: `user.${i}` }, sessionIds: [session.id], sessions: [session] };
    });
    setup('auditor', { 'GET /api/realms/demo/concerns': { json: { ...list, items: many, byRule: { ...byRule, 'too-many-sessions': 0, 'idle-offline': 0, 'old-session': 45 } } } });
    const old = await screen.findByRole('region', { name: 'Old sessions' });
    expect(within(old).getByTestId('concern-rule-count').textContent).toBe('45 cases');
    expect(within(old).getAllByTestId('concern-item')).toHaveLength(20);
    expect(within(old).getByTestId('concern-rule-shown').textContent).toBe('Showing 20 of 45 cases.');

    fireEvent.click(within(old).getByRole('button', { name: 'Show 20 more' }));
    expect(within(old).getAllByTestId('concern-item')).toHaveLength(40);
    fireEvent.click(within(old).getByRole('button', { name: 'Show 5 more' }));
    expect(within(old).getAllByTestId('concern-item').map((item) => item.dataset.user)).toEqual(many.map((item) => item.user.username));
    expect(within(old).queryByRole('button', { name: /more$/ })).toBeNull();
  });

  it('shows an auditor no End, no checkboxes and the rules read-only', async () => {
    setup('auditor');
    await screen.findAllByTestId('concern-session-row');

    expect(screen.queryByRole('button', { name: /^End session/ })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    const summary = await screen.findByTestId('concern-settings-summary');
    expect(within(summary).getByText('Too many sessions').nextElementSibling?.textContent).toBe('On, limit 5 sessions');
    expect(within(summary).getByText('New country').nextElementSibling?.textContent).toBe('Off');
    expect(screen.queryByRole('button', { name: 'Save rules' })).toBeNull();
    // Rules no admin changed are this console's defaults, which its configuration may set (the demo does): not "built-in".
    expect(screen.getByText(/The defaults this console was started with \(its CONCERN_DEFAULTS setting, else the built-in ones\)/)).toBeTruthy();
  });

  it('lets help-desk end a flagged session with a reason through the sessions DELETE, then reads the cases again', async () => {
    const { fetchMock } = setup('helpdesk', {
      'DELETE /api/realms/demo/sessions/sess-bob-0001?offline=true': { json: { ended: true, sessionId: bob.id, userId: 'user-bob', username: 'bob.stone', type: 'offline' } },
    });
    const card = await screen.findByRole('region', { name: 'Unused offline sessions' });
    fireEvent.click(await within(card).findByRole('button', { name: /^End session of bob.stone/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Flagged: unused for a month' } });
    const before = fetchMock.calls('GET /api/realms/demo/concerns').length;
    fireEvent.click(within(dialog).getByRole('button', { name: /^End/ }));

    await waitFor(() => expect(fetchMock.calls('DELETE /api/realms/demo/sessions/sess-bob-0001?offline=true')).toHaveLength(1));
    expect(fetchMock.calls('DELETE /api/realms/demo/sessions/sess-bob-0001?offline=true')[0]?.body).toEqual({ reason: 'Flagged: unused for a month', userId: 'user-bob' });
    await waitFor(() => expect(fetchMock.calls('GET /api/realms/demo/concerns').length).toBeGreaterThan(before));
    await waitFor(() => expect(fetchMock.calls('GET /api/realms/demo/concerns/count').length).toBeGreaterThan(1));
  });

  it('lets help-desk tick flagged sessions and end them as one bulk job, with the job limit said first', async () => {
    const { fetchMock } = setup('helpdesk', {
      'POST /api/realms/demo/session-jobs': { status: 202, json: { id: 'job-0001-abcdef', realm: 'demo', state: 'running', reason: 'x', createdBy: { id: 'id-helpdesk', username: 'hal.helpdesk' }, createdAt: '2030-01-01T10:00:00.000Z', finishedAt: null, total: 2, done: 0, failed: 0, left: 2, items: [] } },
    });
    await screen.findAllByTestId('concern-session-row');
    expect(screen.getByTestId('bulk-bar').textContent).toContain('50');
    for (const checkbox of screen.getAllByRole('checkbox', { name: /^Select session/ })) fireEvent.click(checkbox);
    fireEvent.click(within(screen.getByTestId('bulk-bar')).getByRole('button', { name: /End selected/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Flagged sessions, ticket 12' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^End 2 sessions/ }));

    await waitFor(() => expect(fetchMock.calls('POST /api/realms/demo/session-jobs')).toHaveLength(1));
    expect(fetchMock.calls('POST /api/realms/demo/session-jobs')[0]?.body).toEqual({
      reason: 'Flagged sessions, ticket 12',
      sessions: [
        { id: alice.id, type: 'regular' },
        { id: bob.id, type: 'offline' },
      ],
    });
  });

  it('lets an admin switch a rule and change its number with a reason (PUT in the API units)', async () => {
    const saved: ConcernSettingsResponse = { ...settings, updatedAt: '2030-01-01T10:00:00.000Z', updatedBy: { id: 'id-admin', username: 'ada.admin' } };
    const { fetchMock } = setup('admin', { 'PUT /api/realms/demo/concerns/settings': { json: saved } });
    const form = await screen.findByTestId('concern-settings-form');

    fireEvent.click(within(form).getByRole('checkbox', { name: 'New country' }));
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Window (hours)' }), { target: { value: '12' } });
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Older than (days)' }), { target: { value: '0' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Tighter for the audit' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rules' }));
    expect(await within(form).findByText('Enter more than 0 days.')).toBeTruthy();
    expect(fetchMock.calls('PUT /api/realms/demo/concerns/settings')).toHaveLength(0);

    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Older than (days)' }), { target: { value: '14' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(fetchMock.calls('PUT /api/realms/demo/concerns/settings')).toHaveLength(1));
    expect(fetchMock.calls('PUT /api/realms/demo/concerns/settings')[0]?.body).toEqual({
      reason: 'Tighter for the audit',
      settings: {
        'many-countries': { enabled: true, windowMinutes: 720 },
        'too-many-sessions': { enabled: true, maxSessions: 5 },
        'new-country': { enabled: true },
        'idle-offline': { enabled: true, idleMinutes: 43_200 },
        'old-session': { enabled: true, maxAgeMinutes: 20_160 },
      },
    });
    await waitFor(() => expect(fetchMock.calls('GET /api/realms/demo/concerns').length).toBeGreaterThan(1));
  });

  it('shows the count in the navigation next to "Sessions of concern"', async () => {
    setup('helpdesk');
    const link = await screen.findByRole('link', { name: /^Sessions of concern/ });
    await waitFor(() => expect(within(link).getByTestId('concern-count-badge').textContent).toBe('2 flagged in demo'));
    expect(link.getAttribute('href')).toBe('/realms/demo/concerns');
  });
});
