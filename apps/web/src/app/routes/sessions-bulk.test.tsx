import type { JobItem, Role, SessionJob } from '@session-desk/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as BrowserLocation from '@/lib/browser-location';
import { assignLocation } from '@/lib/browser-location';
import { mockFetch, type MockReply } from '@/testing/fetch-mock';
import {
  bobSessionFixture,
  clientStatsFixture,
  operatorFixture,
  realmsFixture,
  sessionFixture,
  sessionJobFixture,
  sessionListFixture,
  userDetailFixture,
} from '@/testing/fixtures';
import { queryKeys } from '@/lib/query-keys';
import { renderApp } from '@/testing/test-utils';

vi.mock('@/lib/browser-location', async (importOriginal) => ({
  ...(await importOriginal<typeof BrowserLocation>()),
  assignLocation: vi.fn(),
}));

const alice = sessionFixture();
const bob = bobSessionFixture();

const JOB = 'GET /api/session-jobs/job-0001-abcdef';
const START = 'POST /api/realms/demo/session-jobs';
const CANCEL = 'POST /api/session-jobs/job-0001-abcdef/cancel';
const POLL_WAIT = { timeout: 4_000 };

const item = (session: typeof alice, outcome: JobItem['outcome'], error: string | null = null): JobItem => ({
  sessionId: session.id,
  type: session.type,
  userId: session.userId,
  username: session.username,
  outcome,
  error,
});

const job = (overrides: Partial<SessionJob>) => sessionJobFixture({ total: 2, ...overrides });

function setup(role: Role, path = '/realms/demo/sessions', routes: Record<string, MockReply | MockReply[]> = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture(role) },
    'GET /api/realms': { json: realmsFixture() },
    'GET /api/realms/demo/sessions': { json: sessionListFixture([alice, bob]) },
    'GET /api/realms/demo/clients/stats': { json: clientStatsFixture() },
    ...routes,
  });
  return { ...renderApp(path), fetchMock };
}

const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const listCalls = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.requests.filter((r) => r.path.startsWith('/api/realms/demo/sessions?')).length;

async function selectBoth() {
  await screen.findByTestId('sessions-table');
  fireEvent.click(checkbox('Select all sessions on this page'));
}

async function openBulkDialog(reason = 'Accounts compromised, INC-77') {
  fireEvent.click(screen.getByRole('button', { name: 'End selected…' }));
  const dialog = await screen.findByRole('dialog', { name: 'End 2 sessions' }); // its code loads on the first open
  fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: reason } });
  return dialog;
}

describe('Bulk end on the Sessions page', () => {
  it('labels a checkbox per row, selects the page from the header and counts the selection', async () => {
    setup('admin');
    await screen.findByTestId('sessions-table');

    expect(checkbox('Select session of alice.martin').checked).toBe(false);
    fireEvent.click(checkbox('Select session of bob.stone'));
    expect(screen.getByTestId('bulk-selected-count').textContent).toContain('1 selected');
    expect(checkbox('Select all sessions on this page').indeterminate).toBe(true);

    fireEvent.click(checkbox('Select all sessions on this page'));
    expect(checkbox('Select session of alice.martin').checked).toBe(true);
    expect(screen.getByTestId('bulk-selected-count').textContent).toContain('2 selected');

    fireEvent.click(checkbox('Select all sessions on this page'));
    expect(screen.getByTestId('bulk-selected-count').textContent).toBe('Tick sessions to end several at once.');
  });

  it("leaves locked rows out of Select all: the operator's own session and a user the role may not act on", async () => {
    const own = sessionFixture({ id: 'sess-current', userId: 'id-helpdesk', username: 'hal.helpdesk' });
    const admins = sessionFixture({ id: 'sess-admin-0001', userId: 'user-admin', username: 'ada.admin' });
    const refusal = 'Only another administrator can end the sessions of a Session Desk administrator.';
    const userPath = (id: string) => `GET /api/realms/demo/users/${id}?first=0&max=100&offlineFirst=0&offlineMax=100`;
    mockFetch({
      'GET /api/me': { json: operatorFixture('helpdesk', { realm: 'demo' }) },
      'GET /api/realms': { json: realmsFixture() },
      'GET /api/realms/demo/sessions': { json: sessionListFixture([alice, own, admins, bob]) },
      'GET /api/realms/demo/clients/stats': { json: clientStatsFixture() },
      [userPath('user-admin')]: { json: userDetailFixture({ allowedActions: { endSession: false, logout: false, refusal } }) },
      [userPath('user-alice')]: { json: userDetailFixture() },
      [userPath('user-bob')]: { json: userDetailFixture() },
      [userPath('id-helpdesk')]: { json: userDetailFixture() },
    });
    renderApp('/realms/demo/sessions');
    await screen.findByTestId('sessions-table');
    await waitFor(() => expect(checkbox('Select session of ada.admin').getAttribute('aria-disabled')).toBe('true'));
    // A locked box carries a visible lock beside it; a box that can be ticked does not.
    expect(checkbox('Select session of ada.admin').parentElement?.querySelector('[data-testid="locked-mark"]')).toBeTruthy();
    expect(checkbox('Select session of alice.martin').parentElement?.querySelector('[data-testid="locked-mark"]')).toBeNull();

    fireEvent.click(checkbox('Select all sessions on this page'));
    expect(checkbox('Select session of alice.martin').checked).toBe(true);
    expect(checkbox('Select session of bob.stone').checked).toBe(true);
    expect(checkbox('Select session of ada.admin').checked).toBe(false);
    expect(checkbox('Select session of hal.helpdesk').checked).toBe(false);
    expect(checkbox('Select all sessions on this page').checked).toBe(true);
    expect(screen.getByTestId('bulk-selected-count').textContent).toContain('2 selected');
    fireEvent.click(screen.getByRole('button', { name: 'End selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'End 2 sessions' });
    expect(dialog.textContent).not.toContain('ada.admin');
    expect(dialog.textContent).not.toContain('hal.helpdesk');
  });

  it('keeps the selection across the auto-refresh but drops rows that disappeared', async () => {
    const { queryClient } = setup('admin', '/realms/demo/sessions', {
      'GET /api/realms/demo/sessions': [{ json: sessionListFixture([alice, bob]) }, { json: sessionListFixture([{ ...alice, lastAccess: new Date().toISOString() }]) }],
    });
    await selectBoth();
    expect(screen.getByTestId('bulk-selected-count').textContent).toContain('2 selected');

    await act(() => queryClient.refetchQueries({ queryKey: ['realm', 'demo', 'sessions'] }));

    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(1));
    expect(checkbox('Select session of alice.martin').checked).toBe(true);
    expect(screen.getByTestId('bulk-selected-count').textContent).toContain('1 selected');
  });

  it('confirms how many will end, starts the job, follows its progress to the outcome list and refreshes the list', async () => {
    const { fetchMock, queryClient } = setup('admin', '/realms/demo/sessions', {
      [START]: { status: 202, json: job({}) },
      [JOB]: [
        { json: job({ done: 1, left: 1 }) },
        { json: job({ done: 1, left: 1 }) },
        {
          json: job({
            state: 'completed',
            done: 1,
            failed: 1,
            left: 0,
            items: [item(alice, 'ended'), item(bob, 'failed', 'Keycloak answered 500')],
          }),
        },
      ],
    });
    await selectBoth();
    const dialog = await openBulkDialog('  Accounts compromised, INC-77 ');
    expect(within(dialog).getByTestId('bulk-summary').textContent).toContain('End 2 sessions of 2 users: alice.martin and bob.stone.');
    const listedBefore = listCalls(fetchMock);

    fireEvent.click(within(dialog).getByRole('button', { name: 'End 2 sessions' }));

    const bar = await screen.findByRole('progressbar', { name: 'Ending sessions' });
    expect(fetchMock.calls(START)[0]?.body).toEqual({
      reason: 'Accounts compromised, INC-77',
      sessions: [
        { id: 'sess-alice-0001', type: 'regular' },
        { id: 'sess-bob-0001', type: 'offline' },
      ],
    });
    expect(fetchMock.calls(START)[0]?.headers.get('X-CSRF')).toBe('1');
    expect(bar.getAttribute('aria-valuemax')).toBe('2');
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1'), POLL_WAIT);
    // The selection is cleared once the job has started.
    expect(screen.getByTestId('bulk-selected-count').textContent).toBe('Tick sessions to end several at once.');

    const outcomes = await screen.findByTestId('bulk-outcomes', {}, POLL_WAIT);
    expect(screen.getByRole('dialog', { name: 'Sessions ended' })).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
    expect(screen.getByTestId('job-done').textContent).toBe('1');
    expect(screen.getByTestId('job-failed').textContent).toBe('1');
    // Failed, refused or not known: not "Failed", which would be untrue of the unknown ones.
    expect(screen.getByTestId('job-failed').previousElementSibling?.textContent).toBe('Not ended');
    expect(screen.getByTestId('job-left').textContent).toBe('0');
    // Nothing had already ended: no split line.
    expect(screen.queryByTestId('job-split')).toBeNull();
    const [first, second] = within(outcomes).getAllByTestId('bulk-outcome-row') as [HTMLElement, HTMLElement];
    expect(first.textContent).toContain('alice.martin');
    expect(first.textContent).toContain('sess-alice-0001');
    expect(first.textContent).toContain('Ended');
    expect(second.textContent).toContain('Failed');
    expect(second.textContent).toContain('Keycloak answered 500');

    const toast = await screen.findByRole('status');
    expect(toast.textContent).toContain('Ended 1 of 2 sessions');
    await waitFor(() => expect(listCalls(fetchMock)).toBeGreaterThan(listedBefore));
    expect(fetchMock.calls(JOB).length).toBeGreaterThanOrEqual(3);
    const pollsWhenDone = fetchMock.calls(JOB).length;

    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Done' }));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // Polling lives in the job query's observers: with none left, no further GET can be scheduled.
    const jobKey = queryKeys.sessionJob('job-0001-abcdef');
    expect(queryClient.getQueryData<SessionJob>(jobKey)?.state).toBe('completed');
    expect(queryClient.getQueryCache().find({ queryKey: jobKey })?.getObserversCount()).toBe(0);
    expect(fetchMock.calls(JOB)).toHaveLength(pollsWhenDone);
  }, 30_000);

  it('says so when every chosen session had already ended: nothing ended, and why each counts as gone', async () => {
    setup('admin', '/realms/demo/sessions', {
      [START]: { status: 202, json: job({}) },
      [JOB]: {
        json: job({
          state: 'completed',
          done: 2,
          failed: 0,
          left: 0,
          items: [item(alice, 'already-gone', 'Keycloak no longer had this session'), item(bob, 'already-gone', 'Keycloak no longer had this session')],
        }),
      },
    });
    await selectBoth();
    const dialog = await openBulkDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'End 2 sessions' }));

    expect(await screen.findByRole('dialog', { name: 'No session was ended' }, POLL_WAIT)).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Sessions ended' })).toBeNull();
    expect(screen.getByTestId('job-split').textContent).toBe(
      '0 ended by this job; 2 had already ended, so nothing was done for them (the audit trail records each as failed, with why).',
    );
  });

  it('says a job Session Desk stopped itself (the operator lost the power to act) was stopped, and why, not that it was cancelled', async () => {
    const stopReason = 'Keycloak no longer grants you a Session Desk role. The sessions not yet reached were not ended.';
    setup('admin', '/realms/demo/sessions', {
      [START]: { status: 202, json: job({}) },
      [JOB]: { json: job({ state: 'cancelled', done: 1, failed: 1, left: 0, stopReason, items: [item(alice, 'ended'), item(bob, 'refused', stopReason)] }) },
    });
    await selectBoth();
    const dialog = await openBulkDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'End 2 sessions' }));

    const stopped = await screen.findByRole('dialog', { name: 'Job stopped' }, POLL_WAIT);
    expect(screen.queryByRole('dialog', { name: 'Job cancelled' })).toBeNull();
    expect(within(stopped).getByText('Session Desk stopped this job')).toBeTruthy();
    expect(within(stopped).getAllByText(stopReason).length).toBeGreaterThan(0);
    const status = (await screen.findByRole('status')).textContent ?? '';
    expect(status).toContain('Stopped after ending 1 session of 2');
    expect(status).toContain(stopReason);
  });

  it('cancels a running job and shows which sessions were skipped', async () => {
    const { fetchMock } = setup('admin', '/realms/demo/sessions', {
      [START]: { status: 202, json: job({}) },
      [JOB]: (request) =>
        Response.json(
          fetchMock.calls(CANCEL).length > 0
            ? job({ state: 'cancelled', done: 1, left: 0, items: [item(alice, 'ended'), item(bob, 'skipped')] })
            : job({ done: 1, left: 1 }),
          { headers: { 'x-request': request.path } },
        ),
      [CANCEL]: { json: job({ done: 1, left: 1 }) },
    });
    await selectBoth();
    const dialog = await openBulkDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'End 2 sessions' }));
    await screen.findByRole('progressbar', { name: 'Ending sessions' });
    expect((within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(fetchMock.calls(CANCEL)).toHaveLength(1));
    expect(fetchMock.calls(CANCEL)[0]?.headers.get('X-CSRF')).toBe('1');
    expect(await screen.findByRole('dialog', { name: 'Job cancelled' }, POLL_WAIT)).toBeTruthy();
    const skipped = within(screen.getByTestId('bulk-outcomes')).getAllByTestId('bulk-outcome-row')[1] as HTMLElement;
    expect(skipped.dataset.outcome).toBe('skipped');
    expect(skipped.textContent).toContain('Skipped');
    expect((await screen.findByRole('status')).textContent).toContain('Stopped: ended 1 of 2 sessions');
  });

  it('shows the server’s refusal (help-desk over their limit) and starts nothing', async () => {
    const message = 'Your role may end at most 50 sessions in one job; this job has 2.';
    const { fetchMock } = setup('helpdesk', '/realms/demo/sessions', {
      [START]: { status: 403, json: { error: 'forbidden', message } },
    });
    await selectBoth();
    const dialog = await openBulkDialog();

    fireEvent.click(within(dialog).getByRole('button', { name: 'End 2 sessions' }));

    expect((await within(dialog).findByRole('alert')).textContent).toContain(message);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(fetchMock.calls(JOB)).toHaveLength(0);
    expect(screen.getByTestId('bulk-selected-count').textContent).toContain('2 selected');
  });

  it('ends all sessions matching the search for an admin, naming the filter in words', async () => {
    const { fetchMock } = setup('admin', '/realms/demo/sessions?q=alice&type=offline', {
      'GET /api/realms/demo/sessions': { json: sessionListFixture([bob], { total: 37 }) },
      [START]: { status: 202, json: job({ total: 37, left: 37 }) },
      [JOB]: { json: job({ total: 37, left: 0, done: 37, state: 'completed', items: [item(bob, 'ended')] }) },
    });
    await screen.findByTestId('sessions-table');

    fireEvent.click(screen.getByRole('button', { name: 'End all 37 matching…' }));
    const dialog = await screen.findByRole('dialog', { name: 'End all 37 matching sessions' });
    expect(within(dialog).getByTestId('bulk-summary').textContent).toContain('End all 37 sessions in demo matching “alice”, offline sessions only.');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Phishing wave' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'End 37 sessions' }));

    await screen.findByTestId('bulk-outcomes', {}, POLL_WAIT);
    expect(fetchMock.calls(START)[0]?.body).toEqual({ reason: 'Phishing wave', filter: { q: 'alice', type: 'offline' } });
  });
});

describe('Who sees bulk and realm actions', () => {
  it('shows an auditor no checkboxes, no bulk bar and no realm actions', async () => {
    setup('auditor');
    await screen.findByTestId('sessions-table');

    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Realm actions' })).toBeNull();
  });

  it('lets help-desk select and end selected, but not all matching, and offers no realm actions', async () => {
    setup('helpdesk');
    await screen.findByTestId('sessions-table');

    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'End selected…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^End all/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Realm actions' })).toBeNull();
  });

  it('warns of the whole realm only when the job sets no filter at all: a country or a network is a filter', async () => {
    setup('admin', '/realms/demo/sessions?country=ZA', {
      'GET /api/realms/demo/sessions?country=ZA&first=0&max=50&sort=lastAccess%3Adesc': { json: sessionListFixture([alice, bob]) },
    });
    await screen.findByTestId('sessions-table');
    fireEvent.click(await screen.findByRole('button', { name: 'End all 2 matching…' }));
    const filtered = await screen.findByRole('dialog', { name: 'End all 2 matching sessions' });
    expect(filtered.textContent).not.toContain('No search or filter is set');
    expect(within(filtered).queryByLabelText('Type the realm name to confirm')).toBeNull();
  });

  it.each([
    { realmTotal: 2, asks: true, why: 'matches every session of the realm (".": every address has one)' },
    { realmTotal: 3, asks: false, why: 'leaves a session of the realm out' },
  ])('asks for the realm name only when what the search sets $why', async ({ realmTotal, asks }) => {
    setup('admin', '/realms/demo/sessions?q=.', {
      'GET /api/realms/demo/sessions?q=.&first=0&max=50&sort=lastAccess%3Adesc': { json: sessionListFixture([alice, bob], { realmTotal }) },
    });
    await screen.findByTestId('sessions-table');
    fireEvent.click(await screen.findByRole('button', { name: 'End all 2 matching…' }));
    const dialog = await screen.findByRole('dialog', { name: 'End all 2 matching sessions' });
    expect(dialog.textContent?.includes('This search matches every session of the realm')).toBe(asks);
    expect(within(dialog).queryByLabelText('Type the realm name to confirm') !== null).toBe(asks);
  });

  it('asks for the realm name when nothing filters an end of every matching session', async () => {
    setup('admin');
    await screen.findByTestId('sessions-table');
    fireEvent.click(screen.getByRole('button', { name: 'End all 2 matching…' }));
    const unfiltered = await screen.findByRole('dialog', { name: 'End all 2 matching sessions' });
    expect(unfiltered.textContent).toContain('No search or filter is set');
    expect(within(unfiltered).getByLabelText('Type the realm name to confirm')).toBeTruthy();
  });

  it('offers an admin everything', async () => {
    setup('admin');
    await screen.findByTestId('sessions-table');

    expect(screen.getByRole('button', { name: 'End all 2 matching…' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Realm actions' }));
    expect(screen.getByRole('button', { name: 'Sign out everyone in demo…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Revoke all tokens issued before now…' })).toBeTruthy();
  });
});

describe('Realm actions', () => {
  async function openRealmAction(name: string, routes: Record<string, MockReply> = {}) {
    const view = setup('admin', '/realms/demo/sessions', routes);
    await screen.findByTestId('sessions-table');
    fireEvent.click(screen.getByRole('button', { name: 'Realm actions' }));
    fireEvent.click(screen.getByRole('button', { name }));
    return view;
  }

  it('keeps the button disabled until the realm’s name is typed exactly, then signs everyone out', async () => {
    const { fetchMock } = await openRealmAction('Sign out everyone in demo…', {
      'POST /api/realms/demo/logout-all': { json: { realm: 'demo', action: 'logout-all', notBefore: null, pushedTo: [], pushFailedFor: [], offlineEnded: false } },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everyone in demo' });
    // Which Keycloak versions end offline sessions too, and that older ones keep them working.
    expect(dialog.textContent).toContain('Keycloak 26.2 and later also remove offline sessions');
    expect(dialog.textContent).toContain('Older versions keep offline sessions, and they keep working');
    const confirm = within(dialog).getByRole('button', { name: 'Sign out everyone' }) as HTMLButtonElement;
    const name = within(dialog).getByLabelText('Type the realm name to confirm');
    expect(document.activeElement).toBe(name);

    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Breach drill, CAB-12' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'Demo' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'demo ' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'demo' } });
    expect(confirm.disabled).toBe(false);

    fireEvent.click(confirm);

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Signed out everyone in demo');
    // The result says what this Keycloak did: here (offlineEnded false) it kept the offline sessions.
    expect(status.textContent).toContain('This Keycloak version keeps offline sessions: they still work.');
    expect(fetchMock.calls('POST /api/realms/demo/logout-all')[0]?.body).toEqual({ reason: 'Breach drill, CAB-12', confirmRealm: 'demo' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it.each([
    ['Sign out everyone in demo…', 'Sign out everyone', 'logout-all', 'Signed out everyone in demo'],
    ['Revoke all tokens issued before now…', 'Revoke all tokens', 'revoke-tokens', 'Revoked all tokens in demo'],
  ])('in the realm the admin signed in through, %s leaves the console for the signed-out page, which shows the result', async (item, confirmLabel, action, title) => {
    const result = { realm: 'demo', action, notBefore: action === 'revoke-tokens' ? '2030-01-01T10:00:00.000Z' : null, pushedTo: [], pushFailedFor: [], offlineEnded: true };
    const { fetchMock, url } = setup('admin', '/realms/demo/sessions', {
      'GET /api/me': [{ json: operatorFixture('admin', { realm: 'demo' }) }, { status: 401, json: { error: 'unauthenticated', message: 'signed out' } }],
      [`POST /api/realms/demo/${action}`]: { json: result },
    });
    await screen.findByTestId('sessions-table');
    fireEvent.click(screen.getByRole('button', { name: 'Realm actions' }));
    fireEvent.click(screen.getByRole('button', { name: item }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('this signs you out of Session Desk too');
    fireEvent.change(within(dialog).getByLabelText('Type the realm name to confirm'), { target: { value: 'demo' } });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Breach drill, CAB-12' } });
    fireEvent.click(within(dialog).getByRole('button', { name: confirmLabel }));

    expect(await screen.findByRole('heading', { name: 'You are signed out' })).toBeTruthy();
    expect(url.pathname).toBe('/signed-out');
    const after = screen.getByTestId('after-action');
    expect(after.textContent).toContain(title);
    expect(after.textContent).toContain('That signed you out too.');
    expect(fetchMock.calls(`POST /api/realms/demo/${action}`)).toHaveLength(1);
    expect(assignLocation).not.toHaveBeenCalled();
  });

  it('revokes tokens and says where the revocation was pushed and where it failed', async () => {
    await openRealmAction('Revoke all tokens issued before now…', {
      'POST /api/realms/demo/revoke-tokens': {
        json: { realm: 'demo', action: 'revoke-tokens', notBefore: '2030-01-01T10:00:00.000Z', pushedTo: ['demo-portal'], pushFailedFor: ['demo-crm'] },
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Revoke all tokens issued before now in demo' });
    fireEvent.change(within(dialog).getByLabelText('Type the realm name to confirm'), { target: { value: 'demo' } });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Signing key leaked' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke all tokens' }));

    const toast = await screen.findByRole('status');
    expect(toast.textContent).toContain('Revoked all tokens in demo');
    expect(toast.textContent).toContain('Pushed to demo-portal.');
    expect(toast.textContent).toContain('Push failed for demo-crm');
  });
});
