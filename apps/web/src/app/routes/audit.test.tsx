import type { AuditListResponse, Role } from '@session-desk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localDayToIso } from '@/features/audit/lib/audit-filter';
import { formatDateTime } from '@/lib/format';
import { jsonResponse, mockFetch, type MockReply } from '@/testing/fetch-mock';
import { auditRecordFixture, operatorFixture, realmsFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

const succeeded = auditRecordFixture({ seq: 9 });
const failed = auditRecordFixture({
  seq: 8,
  outcome: 'failed',
  error: 'Keycloak answered 500',
  sessionId: 'sess-bob-0001-abcdef',
  targetUser: { id: 'user-bob', username: 'bob.stone' },
  jobId: 'job-0001-abcdef',
  action: 'bulk.item',
});
const refused = auditRecordFixture({
  seq: 7,
  outcome: 'refused',
  error: 'Help desk may not act on Session Desk administrators.',
  operator: { id: 'id-helpdesk', username: 'hal.helpdesk', role: 'helpdesk' },
});
const unknown = auditRecordFixture({ seq: 6, outcome: 'unknown', targetUser: null, sessionId: null, action: 'realm.logout-all' });

const page = (items: AuditListResponse['items'], nextCursor: string | null = null, total: number | null = nextCursor ? null : items.length): AuditListResponse => ({
  items,
  nextCursor,
  total,
});

function setup(role: Role, path = '/audit', routes: Record<string, MockReply | MockReply[]> = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture(role) },
    'GET /api/realms': { json: realmsFixture() },
    'GET /api/audit': { json: page([succeeded, failed, refused, unknown]) },
    ...routes,
  });
  return { ...renderApp(path), fetchMock };
}

const listRequests = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.requests
    .filter((request) => request.path.startsWith('/api/audit') && !request.path.startsWith('/api/audit/verify'))
    .map((request) => Object.fromEntries(new URL(request.path, 'http://localhost').searchParams));

const rowFor = (seq: number) => screen.getAllByTestId('audit-row').find((row) => row.dataset.seq === String(seq)) as HTMLElement;

describe('Audit page', () => {
  it('lists the trail newest first with time, operator, action, target, session, reason and outcome', async () => {
    setup('auditor');

    const table = await screen.findByTestId('audit-table');
    expect(screen.getByRole('heading', { level: 1, name: 'Audit' })).toBeTruthy();
    expect(within(table).getAllByTestId('audit-row').map((row) => row.dataset.seq)).toEqual(['9', '8', '7', '6']);

    const row = rowFor(9);
    const time = row.querySelector('time');
    expect(time?.getAttribute('title')).toBe(formatDateTime(succeeded.at));
    expect(row.textContent).toContain('hal.helpdesk');
    expect(row.textContent).toContain('Help desk');
    expect(row.textContent).toContain('Ended a session');
    expect(within(row).getByRole('link', { name: 'alice.martin' }).getAttribute('href')).toBe('/realms/demo/users/user-alice');
    expect(within(row).getByTitle('sess-alice-0001').textContent).toContain('sess-ali…');
    expect(within(row).getByTestId('audit-reason').textContent).toBe('Laptop stolen, ticket HD-1234');
    expect(within(row).getByText('Succeeded')).toBeTruthy();
  });

  it("names each entry's attempt record, so the numbers the list skips are accounted for", async () => {
    setup('auditor');

    await screen.findByTestId('audit-table');
    expect(rowFor(9).textContent).toContain('#9 · attempt #8');
    expect(screen.getByText(/An action's entry holds two records: its attempt, written before Keycloak is asked, and its outcome/)).toBeTruthy();
  });

  it('shows why an action failed or was refused, and explains an unknown outcome', async () => {
    setup('auditor');
    await screen.findByTestId('audit-table');

    const failedRow = rowFor(8);
    expect(within(failedRow).getByText('Failed').getAttribute('title')).toBe('Keycloak answered 500');
    expect(within(failedRow).getByText('What failed').closest('details')?.textContent).toContain('Keycloak answered 500');
    expect(failedRow.textContent).toContain('Ended a session in a bulk job');

    expect(rowFor(7).textContent).toContain('Help desk may not act on Session Desk administrators.');
    expect(within(rowFor(6)).getByText('Unknown').getAttribute('title')).toMatch(/stopped before it could record the outcome/);
  });

  it('names a refused bulk job as a job, not as an item, and offers it as a filter', async () => {
    const jobRefused = auditRecordFixture({ seq: 5, outcome: 'refused', action: 'bulk.start', targetUser: null, sessionId: null, error: 'Your role may end at most 50 sessions in one job; this job has 51.' });
    setup('auditor', '/audit', { 'GET /api/audit': { json: page([jobRefused]) } });
    await screen.findByTestId('audit-table');

    expect(rowFor(5).textContent).toContain('Started a bulk job');
    expect(rowFor(5).textContent).not.toContain('Ended a session');
    expect(screen.getByRole('option', { name: 'Started a bulk job' })).toBeTruthy();
    // One entry is one, not "All 1 entry".
    expect(screen.getByRole('heading', { name: 'One entry' })).toBeTruthy();
  });

  it('asks the API for exactly the filter in the URL, dates with the local offset', async () => {
    const { fetchMock } = setup('auditor', '/audit?operator=hal*&user=alice.martin&realm=demo&action=session.end&outcome=failed&from=2026-03-01&to=2026-03-31');

    await screen.findByTestId('audit-table');
    expect(listRequests(fetchMock)[0]).toEqual({
      operator: 'hal*',
      user: 'alice.martin',
      realm: 'demo',
      action: 'session.end',
      outcome: 'failed',
      from: localDayToIso('2026-03-01', 'start'),
      to: localDayToIso('2026-03-31', 'end'),
      limit: '50',
    });
    expect((screen.getByLabelText('Target user') as HTMLInputElement).value).toBe('alice.martin');
    expect((screen.getByLabelText('Operator') as HTMLInputElement).value).toBe('hal*');
    expect((screen.getByLabelText('Action') as HTMLSelectElement).value).toBe('session.end');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-03-01');
  });

  it('writes the filters to the URL and asks again', async () => {
    const { url, fetchMock } = setup('auditor');
    await screen.findByTestId('audit-table');

    fireEvent.change(screen.getByLabelText('Target user'), { target: { value: 'bob*' } });
    await waitFor(() => expect(url.search).toBe('?user=bob*'));
    await waitFor(() => expect(listRequests(fetchMock).at(-1)?.user).toBe('bob*'));
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'refused' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-04-02' } });

    expect(Object.fromEntries(new URLSearchParams(url.search))).toEqual({ user: 'bob*', outcome: 'refused', to: '2026-04-02' });
    await waitFor(() =>
      expect(listRequests(fetchMock).at(-1)).toEqual({ user: 'bob*', outcome: 'refused', to: localDayToIso('2026-04-02', 'end'), limit: '50' }),
    );
  });

  it('offers CSV and JSON-lines exports of the current filter as plain download links', async () => {
    setup('auditor', '/audit?user=alice.martin&outcome=failed');
    await screen.findByTestId('audit-table');

    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv.hasAttribute('download')).toBe(true);
    const href = new URL(csv.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/api/audit/export');
    expect(Object.fromEntries(href.searchParams)).toEqual({ user: 'alice.martin', outcome: 'failed', format: 'csv' });

    const jsonl = new URL(screen.getByRole('link', { name: 'Export JSON lines' }).getAttribute('href') ?? '', 'http://localhost');
    expect(Object.fromEntries(jsonl.searchParams)).toEqual({ user: 'alice.martin', outcome: 'failed', format: 'jsonl' });
  });

  it('loads older entries with the cursor and keeps the ones already loaded', async () => {
    const { fetchMock } = setup('auditor', '/audit?realm=demo', {
      'GET /api/audit': (request) =>
        request.path.includes('cursor=c1') ? jsonResponse(page([refused, unknown], null, null)) : jsonResponse(page([succeeded, failed], 'c1', 4)),
    });
    await screen.findByTestId('audit-table');
    expect(screen.getAllByTestId('audit-row')).toHaveLength(2);
    expect(screen.getByRole('heading', { name: /^2 of 4 entries, newest first/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));

    await waitFor(() => expect(screen.getAllByTestId('audit-row').map((row) => row.dataset.seq)).toEqual(['9', '8', '7', '6']));
    expect(listRequests(fetchMock).at(-1)).toEqual({ realm: 'demo', cursor: 'c1', limit: '50' });
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
    expect(screen.getByText('That is every matching entry.')).toBeTruthy();
    // Filtered by realm: "All 4 entries" would read as the whole trail.
    expect(screen.getByRole('heading', { name: '4 matching entries' })).toBeTruthy();
  });

  it('says "All" only when no filter is set', async () => {
    setup('auditor', '/audit', { 'GET /api/audit': { json: page([succeeded, failed]) } });
    expect(await screen.findByRole('heading', { name: 'All 2 entries' })).toBeTruthy();
  });

  it('shows only one bulk job when its id is clicked', async () => {
    const { url } = setup('auditor');
    await screen.findByTestId('audit-table');

    fireEvent.click(within(rowFor(8)).getByRole('button', { name: /job-0001…/ }));

    expect(url.search).toBe('?jobId=job-0001-abcdef');
  });

  it('verifies the chain and shows the checked count and head hash when intact', async () => {
    const headHash = 'ab'.repeat(32);
    setup('auditor', '/audit', { 'GET /api/audit/verify': { json: { ok: true, checked: 1234, firstBroken: null, headHash } } });
    await screen.findByTestId('audit-table');

    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));

    const result = await screen.findByTestId('verify-result');
    expect(result.getAttribute('role')).toBe('status');
    expect(result.textContent).toContain('The audit trail is intact');
    expect(result.textContent).toContain('1,234 records');
    expect(screen.getByTestId('verify-head-hash').textContent).toBe(headHash);
  });

  it('makes a broken chain impossible to miss, naming the first broken record', async () => {
    setup('auditor', '/audit', {
      'GET /api/audit/verify': { json: { ok: false, checked: 42, firstBroken: { seq: 42, problem: 'hash does not match the record' }, headHash: null } },
    });
    await screen.findByTestId('audit-table');

    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The audit trail is broken');
    expect(alert.textContent).toContain('#42');
    expect(alert.textContent).toContain('hash does not match the record');
    expect(screen.queryByText('The audit trail is intact')).toBeNull();
  });

  it('shows help-desk only their own actions: titled "My actions", no operator filter, no verification', async () => {
    const { fetchMock } = setup('helpdesk');

    await screen.findByTestId('audit-table');
    expect(screen.getByRole('heading', { level: 1, name: 'My actions' })).toBeTruthy();
    expect(screen.getByTestId('own-entries-note').textContent).toContain('actions you took yourself');
    expect(screen.queryByLabelText('Operator')).toBeNull();
    expect(screen.getByLabelText('Target user')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify chain' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toBeTruthy();
    // The page says newest first; the downloads' own order is said beside them.
    expect(screen.getByTestId('export-order').textContent).toBe("Downloads list oldest first, in the chain's order.");
    expect(fetchMock.calls('GET /api/audit/verify')).toHaveLength(0);
  });

  it('explains an empty trail, and an empty filter result with a way out', async () => {
    setup('auditor', '/audit?outcome=refused', { 'GET /api/audit': { json: page([]) } });

    expect(await screen.findByText('No entries match these filters')).toBeTruthy();
    expect(screen.queryByTestId('audit-table')).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0] as HTMLElement);
    expect(await screen.findByText('Nothing has been recorded yet')).toBeTruthy();
  });

  it('says what went wrong when the trail cannot be read', async () => {
    setup('auditor', '/audit', {
      'GET /api/audit': { status: 503, json: { error: 'audit_unavailable', message: 'The audit trail cannot be read right now.', requestId: 'req-9' } },
    });

    const alert = await screen.findByRole('alert', {}, { timeout: 5_000 });
    expect(alert.textContent).toContain('The audit trail could not be loaded');
    expect(alert.textContent).toContain('req-9');
  });

  it('refuses the page to an operator without an audit permission', async () => {
    mockFetch({
      'GET /api/me': { json: operatorFixture('auditor', { permissions: ['sessions:read'] }) },
      'GET /api/realms': { json: realmsFixture() },
    });
    renderApp('/audit');

    expect(await screen.findByText('Your role does not include this page')).toBeTruthy();
  });
});
