import { expect, test } from '@playwright/test';
import { signIn } from './support/keycloak.ts';

/** The Connection page: the doctor's checks, run by the BFF against the real Keycloak, for admins only. */

const roles = ['view-users', 'query-users', 'manage-users', 'view-clients', 'query-clients', 'view-realm', 'view-events', 'manage-realm'];

test('an admin sees every connection check for the demo realm, each role the console relies on, and can check again', async ({ page }) => {
  await signIn(page, 'desk-admin', 'desk-admin', '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connection' }).click();
  await expect(page).toHaveURL(/\/connection$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Connection' })).toBeVisible();

  const report = page.getByTestId('connection-report');
  await expect(report).toBeVisible();
  // The demo realm sends back-channel logouts to the dev server (:3000); the browser tests run the BFF
  // on :3100, so the page must say exactly that, and nothing else.
  const verdict = page.getByTestId('connection-verdict');
  await expect(verdict).toContainText('1 problem found');
  await expect(verdict).toContainText('Back-channel logout URL (realm demo)');
  await expect(verdict).toContainText(/Keycloak \d+\.\d+\.\d+/);
  await expect(report.locator('[data-status="fail"]')).toHaveCount(1);
  const backchannelUrl = report.locator('[data-check="backchannel-logout-url"]');
  await expect(backchannelUrl).toHaveAttribute('data-status', 'fail');
  await expect(backchannelUrl).toContainText('it must be http://localhost:3100/auth/backchannel-logout');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText(['Keycloak', 'Operator sign-in (realm demo)', 'Managed realm demo']);

  const realmGroup = report.getByRole('region', { name: 'Managed realm demo' });
  await expect(realmGroup.locator('[data-check="service-token"]')).toHaveAttribute('data-status', 'ok');
  for (const role of roles) {
    const row = realmGroup.locator(`[data-check="service-role:${role}"]`);
    await expect(row).toHaveAttribute('data-status', 'ok');
    await expect(row).toContainText(`Role ${role}`);
    await expect(row).toContainText(`service account holds ${role}`);
  }
  await expect(realmGroup.locator('[data-check="events"]')).toHaveAttribute('data-status', 'ok');

  const signInGroup = report.getByRole('region', { name: 'Operator sign-in (realm demo)' });
  await expect(signInGroup.locator('[data-check="redirect-uri"]')).toContainText('accepts the redirect URI http://localhost:3100/auth/callback');
  // The BFF posted a test logout token to its own public URL and got its own 400 back.
  await expect(signInGroup.locator('[data-check="backchannel-logout"]')).toHaveAttribute('data-status', 'ok');
  await expect(report.locator('[data-check="keycloak-version"]')).toContainText('supported');

  const checkedAt = await page.getByTestId('connection-verdict').locator('time').getAttribute('datetime');
  const again = page.waitForResponse((response) => response.url().endsWith('/api/admin/connection') && response.status() === 200);
  await page.getByRole('button', { name: 'Check again' }).click();
  await again;
  await expect(page.getByTestId('connection-verdict').locator('time')).not.toHaveAttribute('datetime', checkedAt ?? '');
});

test('a help-desk operator has no Connection entry, and the page refuses them', async ({ page }) => {
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Sessions', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Connection' })).toHaveCount(0);

  const refused = await page.request.get('/api/admin/connection');
  expect(refused.status()).toBe(403);
  await page.goto('/connection');
  await expect(page.getByText('Your role does not include this page')).toBeVisible();
  await expect(page.getByTestId('connection-report')).toHaveCount(0);
});
