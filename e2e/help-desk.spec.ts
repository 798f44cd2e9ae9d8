import { expect, test } from '@playwright/test';
import {
  endUserSession,
  keycloakSessionIds,
  logoutEverywhere,
  offlineEndUserSession,
  signIn,
  UNTIL_NEXT_REBUILD,
} from './support/keycloak.ts';
import { box, sessionRow } from './support/page.ts';

// Demo end users that no other test touches (other files reserve the end of the list).
const dialogUser = 'aisha.bauer';
const noOfflineUser = 'aisha.haddad';
const focusUser = 'aisha.mensah';
const staleUser = 'aisha.petrov';
const lastUser = 'aisha.tanaka';
const bulkUser = 'uma.olsen';

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };


for (const viewport of [desktop, phone]) {
  test(`1 dialogs hold still at ${viewport.width}px: the offline checkbox ticks on the first click, Cancel near its top edge closes, the reason is checked on submit`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await endUserSession(dialogUser, 'demo-portal');
    await offlineEndUserSession(dialogUser, 'demo-mail');
    await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/users');
    await page.getByLabel('Search users', { exact: true }).fill(dialogUser);
    await page.getByTestId('user-result').filter({ hasText: dialogUser }).getByRole('link').first().click();

    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log out everywhere' });
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    const checkbox = dialog.getByRole('checkbox', { name: 'Also remove offline sessions' });
    const dialogBefore = await box(dialog);
    const checkboxBefore = await box(checkbox);
    // Straight from the (empty) reason to the checkbox, mouse down and up: no message appears
    // in between, nothing moves, and one click ticks it.
    await page.mouse.move(checkboxBefore.x + checkboxBefore.width / 2, checkboxBefore.y + checkboxBefore.height / 2);
    await page.mouse.down();
    await expect(dialog.getByTestId('reason-problem')).toHaveText('');
    expect(await box(checkbox)).toEqual(checkboxBefore);
    await page.mouse.up();
    await expect(checkbox).toBeChecked();
    await expect(dialog.getByTestId('reason-problem')).toHaveText('');
    // The dialog is anchored at the top: its summary rewording itself moves nothing above it.
    const dialogAfter = await box(dialog);
    expect({ x: dialogAfter.x, y: dialogAfter.y, width: dialogAfter.width }).toEqual({ x: dialogBefore.x, y: dialogBefore.y, width: dialogBefore.width });

    // A click at the very top of Cancel still closes.
    const cancel = dialog.getByRole('button', { name: 'Cancel' });
    const cancelBox = await box(cancel);
    await page.mouse.click(cancelBox.x + cancelBox.width / 2, cancelBox.y + 1);
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Log out everywhere' })).toBeFocused();
  });
}

test('7 the logout dialog offers "Also remove offline sessions" only to a user who has some', async ({ page }) => {
  await endUserSession(noOfflineUser, 'demo-portal');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/users');
  await page.getByLabel('Search users', { exact: true }).fill(noOfflineUser);
  await page.getByTestId('user-result').filter({ hasText: noOfflineUser }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Offline sessions \(0\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Log out everywhere' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log out everywhere' });
  await expect(dialog.getByLabel('Reason')).toBeVisible();
  await expect(dialog.getByRole('checkbox')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('2 "You" and "This session" are marked in every list, and the current session offers Sign out, not End', async ({ page }) => {
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/realms/demo/sessions?q=desk-helpdesk');
  const me = (await (await page.request.get('/api/me')).json()) as { id: string; currentSessionId: string };
  expect(me.currentSessionId).toBeTruthy();
  expect(await keycloakSessionIds('desk-helpdesk')).toContain(me.currentSessionId);

  const current = sessionRow(page, me.currentSessionId);
  await expect(current).toHaveAttribute('data-current', 'true', UNTIL_NEXT_REBUILD);
  await expect(current.getByTestId('this-session-badge')).toHaveText('This session');
  await expect(current.getByTestId('you-badge')).toHaveText('You');
  await expect(current.getByRole('button', { name: /^End session of/ })).toHaveCount(0);
  await expect(current.getByTestId('current-session-sign-out')).toBeVisible();
  const tick = current.getByRole('checkbox');
  await expect(tick).toHaveAttribute('aria-disabled', 'true');
  await tick.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
  await expect(tick).not.toBeChecked();

  // The user page of the operator.
  await current.getByRole('link', { name: 'desk-helpdesk' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Helpdesk|desk-helpdesk/ }).first()).toBeVisible();
  await expect(page.getByTestId('you-badge').first()).toBeVisible();
  const userRow = page.locator(`[data-testid="user-session-row"][data-session-id="${me.currentSessionId}"]`);
  await expect(userRow.getByTestId('this-session-badge')).toBeVisible();
  await expect(userRow.getByRole('button', { name: /^End session of/ })).toHaveCount(0);
  await expect(userRow.getByTestId('current-session-sign-out')).toBeVisible();

  // My sessions.
  await page.goto('/me/sessions');
  const myRow = page.locator(`[data-testid="my-session-row"][data-session-id="${me.currentSessionId}"]`);
  await expect(myRow.getByTestId('this-session-badge')).toBeVisible();
  await expect(myRow.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('3 help desk sees the bulk limit before the work: "select all" beyond it is locked, and so is the 51st tick, saying why', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(desktop);
  await logoutEverywhere(bulkUser);
  for (let login = 0; login < 52; login += 1) await endUserSession(bulkUser, login % 2 === 0 ? 'demo-portal' : 'demo-mail');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', `/realms/demo/sessions?q=${bulkUser}&max=100`);
  // New sessions reach the realm list with the next snapshot (SNAPSHOT_TTL_SECONDS).
  await expect(page.getByTestId('session-row')).toHaveCount(52, { timeout: 45_000 });
  await expect(page.getByTestId('bulk-limit')).toHaveText('You may end at most 50 sessions in one job.');
  const all = page.getByRole('checkbox', { name: 'Select all sessions on this page' });
  await expect(all).toHaveAttribute('aria-disabled', 'true');
  await all.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'at most 50 sessions in one job' })).toBeVisible();
  await all.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
  await expect(page.getByTestId('bulk-selected-count')).toHaveText('Tick sessions to end several at once.');

  // Ticking one by one stops at 50: the 51st checkbox is locked, with the reason on focus.
  const free = page.locator('[data-testid="session-row"]:not([data-selected]) input[type="checkbox"]:not([aria-disabled])');
  for (let ticked = 0; ticked < 50; ticked += 1) await free.first().check();
  await expect(page.getByTestId('bulk-selected-count')).toContainText('50 selected');
  const next = page.locator('[data-testid="session-row"]:not([data-selected]) input[type="checkbox"]').first();
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await next.focus();
  await expect(page.getByRole('tooltip').filter({ hasText: '50 are ticked already' }).first()).toBeVisible();
  await next.click({ force: true });
  await expect(next).not.toBeChecked();
  await expect(page.getByTestId('bulk-selected-count')).toContainText('50 selected');
  await logoutEverywhere(bulkUser);
});

test('3 help desk sees End and the checkbox locked on a console administrator’s sessions, with the reason on hover and focus', async ({ browser, page }) => {
  // A live session of the console administrator.
  const adminContext = await browser.newContext();
  await signIn(await adminContext.newPage(), 'desk-admin', 'desk-admin');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/realms/demo/sessions?q=desk-admin');
  const row = page.getByTestId('session-row').filter({ has: page.getByRole('link', { name: 'desk-admin', exact: true }) }).first();
  const end = row.getByRole('button', { name: 'End session of desk-admin' });
  await expect(end).toHaveAttribute('aria-disabled', 'true');
  await expect(row.getByRole('checkbox')).toHaveAttribute('aria-disabled', 'true');
  await end.focus();
  const tooltip = row.getByRole('tooltip').filter({ hasText: /administrator/i }).last();
  await expect(tooltip).toBeVisible();
  await end.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await adminContext.close();
});


test('5 keyboard: the search box has the cursor, "/" comes back to it, a skip link jumps to the results, and after End focus moves to the next row', async ({ page }) => {
  await logoutEverywhere(focusUser);
  const first = await endUserSession(focusUser, 'demo-portal');
  const second = await endUserSession(focusUser, 'demo-mail');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', `/realms/demo/sessions?q=${focusUser}&sort=username:asc`);
  const search = page.getByRole('searchbox', { name: 'Search sessions' });
  await expect(search).toBeFocused();
  await expect(sessionRow(page, first)).toBeVisible({ timeout: 45_000 });
  await expect(sessionRow(page, second)).toBeVisible({ timeout: 45_000 });

  await page.getByRole('heading', { name: 'Sessions', level: 1 }).click();
  await expect(search).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to results' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#session-results')).toBeFocused();

  const rows = page.getByTestId('session-row');
  const firstId = await rows.first().getAttribute('data-session-id');
  const secondId = firstId === first ? second : first;
  await rows.first().getByRole('button', { name: /^End session of/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('E2E focus: ticket HD-12');
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(sessionRow(page, firstId ?? '')).toHaveCount(0);
  await expect(sessionRow(page, secondId).getByRole('button', { name: /^End session of/ })).toBeFocused();

  // The last one: the list empties, focus goes to its heading, and the list says why it is empty.
  await sessionRow(page, secondId).getByRole('button', { name: /^End session of/ }).press('Enter');
  await dialog.getByLabel('Reason').fill('E2E focus: ticket HD-12');
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByText(`No sessions left for “${focusUser}”`)).toBeVisible();
  await expect(page.locator('#sessions-heading')).toBeFocused();
  // 7: no red bulk button on an empty list.
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
});

test('5 after "Log out everywhere" focus goes to the user’s name, not <body>', async ({ page }) => {
  await endUserSession(lastUser, 'demo-crm');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/users');
  await expect(page.getByRole('searchbox', { name: 'Search users' })).toBeFocused();
  await page.keyboard.type(lastUser);
  await page.getByTestId('user-result').filter({ hasText: lastUser }).getByRole('link').first().click();
  await page.getByRole('button', { name: 'Log out everywhere' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('E2E: ticket HD-13');
  await dialog.getByRole('button', { name: 'Log out everywhere' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('#user-heading')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Log out everywhere' })).toBeDisabled();
  await expect(page.locator('#user-heading')).toBeFocused();
});

test('6 rows answering an older search are dimmed and their actions locked until the new results arrive', async ({ page }) => {
  const id = await endUserSession(staleUser, 'demo-portal');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', `/realms/demo/sessions?q=${staleUser}`);
  const end = sessionRow(page, id).getByRole('button', { name: /^End session of/ });
  // A new session reaches the realm list with the next snapshot (SNAPSHOT_TTL_SECONDS).
  await expect(end).toBeVisible({ timeout: 45_000 });
  await expect(end).not.toHaveAttribute('aria-disabled');
  // The new search's answer is held until the old rows have been checked: on a busy machine it could
  // otherwise arrive before the first check, and the rows would no longer be the old search's.
  let answer = (): void => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route(
    (url) => url.pathname === '/api/realms/demo/sessions' && url.searchParams.get('q') === `${staleUser}@`,
    async (route) => {
      await answered;
      await route.continue();
    },
  );
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill(`${staleUser}@`);
  await expect(page.getByTestId('sessions-table')).toHaveAttribute('aria-busy', 'true');
  await expect(end).toHaveAttribute('aria-disabled', 'true');
  await end.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`q=${staleUser}%40`));
  answer();
  await expect(page.getByTestId('sessions-table')).not.toHaveAttribute('aria-busy');
  await expect(end).not.toHaveAttribute('aria-disabled');
});

test('7 wording: a search with no match points to Users; an auditor’s My sessions does not ask to end anything', async ({ browser, page }) => {
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/realms/demo/sessions?q=nobody-by-this-name');
  const toUsers = page.getByRole('link', { name: 'search users for “nobody-by-this-name”' });
  await expect(toUsers).toBeVisible();
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
  await toUsers.click();
  await expect(page).toHaveURL(/\/realms\/demo\/users\?q=nobody-by-this-name/);

  const auditor = await (await browser.newContext()).newPage();
  await signIn(auditor, 'desk-auditor', 'desk-auditor', '/me/sessions');
  await expect(auditor.getByTestId('my-session-row').first()).toBeVisible();
  await expect(auditor.getByText('End the ones you do not recognise')).toHaveCount(0);
  await expect(auditor.getByText('If you do not recognise one, tell an administrator.')).toBeVisible();
  await auditor.context().close();
});

test('9 Home finds a user or a session directly', async ({ page }) => {
  const id = await endUserSession(staleUser, 'demo-crm');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/');
  const find = page.getByRole('searchbox', { name: 'Find a user or session' });
  await expect(find).toBeFocused();
  await find.fill(staleUser);
  await expect(page.getByTestId('quick-find-users').getByRole('link', { name: staleUser })).toBeVisible();
  await expect(page.getByTestId('quick-find-sessions').getByRole('link', { name: staleUser }).first()).toBeVisible();
  await page.getByTestId('quick-find-users').getByRole('link', { name: staleUser }).click();
  await expect(page.locator(`[data-testid="user-session-row"][data-session-id="${id}"]`)).toBeVisible();
});
