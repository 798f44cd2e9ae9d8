import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { endUserSession, signIn } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

// A demo end user that no other test touches (e2e/support/end-users.ts).
const user = browserEndUsers.audit;

/**
 * What a spreadsheet shows for an exported cell: the export defuses a cell that starts with a
 * formula trigger (`= + - @`) by a leading `'`, which spreadsheets hide. Keycloak session ids are
 * base64url, so about one in 32 starts with `-` and arrives as `'-…`.
 */
const asShown = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; lines end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Help-desk ends one of `user`'s sessions with `reason` (in its own browser context). */
async function helpdeskEndsSession(page: Page, sessionId: string, reason: string): Promise<void> {
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', `/realms/demo/sessions?q=${user}`);
  const row = page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
  await row.getByRole('button', { name: `End session of ${user}` }).click();
  const dialog = page.getByRole('dialog', { name: 'End session' });
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Ended ${user}'s session` })).toBeVisible();
}

/** Clicks "Load older" until the trail says every matching entry is on screen. */
async function loadEveryPage(page: Page): Promise<void> {
  const loadOlder = page.getByRole('button', { name: 'Load older' });
  while (await loadOlder.isVisible()) {
    const before = await page.getByTestId('audit-row').count();
    await loadOlder.click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(before);
  }
  await expect(page.getByText('That is every matching entry.')).toBeVisible();
}

test('an auditor filters the trail by target user and exports exactly the rows shown as CSV', async ({ page, browser }) => {
  const sessionId = await endUserSession(user, 'demo-portal');
  const reason = `Audit export check ${Date.now()}, "quoted"`;
  const helpdeskContext = await browser.newContext();
  try {
    await helpdeskEndsSession(await helpdeskContext.newPage(), sessionId, reason);
  } finally {
    await helpdeskContext.close();
  }

  await signIn(page, 'desk-auditor', 'desk-auditor', '/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  await page.getByLabel('Target user').fill(user);
  await expect(page).toHaveURL(new RegExp(`[?&]user=${user.replace('.', '\\.')}(&|$)`));

  const ours = page.locator(`[data-testid="audit-row"][data-session-id="${sessionId}"]`);
  await expect(ours).toBeVisible();
  await expect(ours.getByTestId('audit-reason')).toHaveText(reason);
  await expect(ours).toContainText('desk-helpdesk');
  await expect(ours).toContainText('Succeeded');

  // Every matching entry on screen (the trail keeps growing across runs): load older until the end.
  await loadEveryPage(page);
  const shown = await page.getByTestId('audit-row').evaluateAll((rows) =>
    rows.map((row) => ({
      seq: (row as HTMLElement).dataset.seq ?? '',
      sessionId: (row as HTMLElement).dataset.sessionId ?? '',
      reason: row.querySelector('[data-testid="audit-reason"]')?.textContent ?? '',
      target: row.querySelector('td:nth-child(4)')?.textContent ?? '',
    })),
  );
  expect(shown.length).toBeGreaterThan(0);
  for (const row of shown) expect(row.target).toBe(user);

  const exportLink = page.getByRole('link', { name: 'Export CSV' });
  expect(new URL((await exportLink.getAttribute('href')) ?? '', page.url()).searchParams.get('user')).toBe(user);
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const [header, ...records] = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(header).toContain('seq');
  const column = (name: string) => header?.indexOf(name) ?? -1;
  const fromCsv = records.map((cells) => ({
    seq: cells[column('seq')] ?? '',
    sessionId: asShown(cells[column('session_id')] ?? ''),
    reason: asShown(cells[column('reason')] ?? ''),
    target: asShown(cells[column('target_username')] ?? ''),
  }));

  // The export is oldest first, the table newest first: the same entries, field for field.
  const bySeq = (a: { seq: string }, b: { seq: string }) => Number(a.seq) - Number(b.seq);
  expect(fromCsv.sort(bySeq)).toEqual([...shown].sort(bySeq));
  expect(fromCsv.find((row) => row.sessionId === sessionId)?.reason).toBe(reason);
});

test('the trail heading gives the total matching the filters, and loading every page shows exactly that many', async ({ page }) => {
  // More entries than one page (50) holds: an admin ends 55 of the user's sessions in one bulk job (one entry each).
  const sessions = [];
  for (let i = 0; i < 55; i += 1) sessions.push({ id: await endUserSession(user, 'demo-portal'), type: 'regular' });
  await signIn(page, 'desk-admin', 'desk-admin', '/audit');
  const started = await page.request.post('/api/realms/demo/session-jobs', {
    headers: { 'X-CSRF': '1' },
    data: { reason: `Audit total check ${Date.now()}`, sessions },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await page.request.get(`/api/session-jobs/${id}`)).json()) as { state: string }).state, { timeout: 60_000 })
    .toBe('completed');

  await page.goto(`/audit?user=${user}&action=bulk.item`);
  const heading = page.locator('#audit-heading');
  await expect(heading).toHaveText(/^50 of [\d,]+ entries, newest first/);
  const total = Number((/of ([\d,]+) entries/.exec((await heading.textContent()) ?? '')?.[1] ?? '').replaceAll(',', ''));
  expect(total).toBeGreaterThanOrEqual(55);

  await loadEveryPage(page);
  await expect(page.getByTestId('audit-row')).toHaveCount(total);
  // Filtered by user and action: every matching entry, not "All" of the trail.
  await expect(heading).toHaveText(`${total.toLocaleString('en-US')} matching entries`);
});
