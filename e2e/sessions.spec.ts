import { expect, test } from '@playwright/test';
import { endUserSession, keycloakSessionIds, signIn, UNTIL_NEXT_REBUILD } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

// A demo end user that no other test touches (e2e/support/end-users.ts).
const user = browserEndUsers.sessions;

test('help-desk finds a user by email, ends one session with a reason, and sees it disappear', async ({ page }) => {
  const doomed = await endUserSession(user, 'demo-portal');
  const kept = await endUserSession(user, 'demo-mail');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/users');

  await page.getByLabel('Search users').fill(`${user}@example.org`);
  await page.getByTestId('user-result').filter({ hasText: user }).getByRole('link').first().click();

  const doomedRow = page.locator(`[data-testid="user-session-row"][data-session-id="${doomed}"]`);
  await expect(doomedRow).toBeVisible();
  await expect(page.locator(`[data-testid="user-session-row"][data-session-id="${kept}"]`)).toBeVisible();
  await doomedRow.getByRole('button', { name: /end session/i }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'End session' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Ticket 4711: laptop stolen');
  await confirm.click();

  await expect(page.getByRole('status').filter({ hasText: /ended/i }).first()).toBeVisible();
  await expect(doomedRow).toHaveCount(0);
  const live = await keycloakSessionIds(user);
  expect(live).not.toContain(doomed);
  expect(live).toContain(kept);
});

test('an auditor sees sessions but no action controls, and the server refuses their changes', async ({ page }) => {
  const sessionId = await endUserSession(user, 'demo-crm');
  await signIn(page, 'desk-auditor', 'desk-auditor', `/realms/demo/sessions?q=${user}`);
  const row = page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
  await expect(row).toBeVisible(UNTIL_NEXT_REBUILD);
  await expect(page.getByTestId('sessions-table').getByRole('button', { name: /end/i })).toHaveCount(0);

  const forced = await page.request.delete(`/api/realms/demo/sessions/${sessionId}`, {
    headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
    data: { reason: 'auditor tries anyway' },
  });
  expect(forced.status()).toBe(403);
  expect(await keycloakSessionIds(user)).toContain(sessionId);
});

test('a user opened from far down the sessions list opens at its top, and Back returns to the same place in the list', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, 'desk-auditor', 'desk-auditor', '/realms/demo/sessions');
  const rows = page.locator('[data-testid="session-row"]');
  await expect(rows.nth(30)).toBeVisible();
  const row = rows.nth(30);
  await row.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 100));
  const listY = await page.evaluate(() => window.scrollY);
  expect(listY).toBeGreaterThan(600);
  await row.getByRole('link').first().click();
  await page.waitForURL(/\/realms\/demo\/users\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await page.waitForURL(/\/realms\/demo\/sessions/);
  await expect(rows.nth(30)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(listY);
});
