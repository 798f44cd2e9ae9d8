import { expect, test } from '@playwright/test';
import { browserEndUsers } from './support/end-users.ts';
import { keycloakSessionIds, operators, signIn } from './support/keycloak.ts';

for (const operator of operators) {
  test(`${operator.username} signs in on Keycloak's page, sees their role, and signs out everywhere`, async ({ page }) => {
    const before = new Set(await keycloakSessionIds(operator.username));
    await signIn(page, operator.username, operator.password);
    await expect(page.getByTestId('operator-role')).toHaveText(operator.roleLabel);
    // The console's session is a new one in Keycloak (the axe pass may sign the same operator in meanwhile).
    const { currentSessionId } = (await (await page.request.get('/api/me')).json()) as { currentSessionId: string };
    const created = (await keycloakSessionIds(operator.username)).filter((id) => !before.has(id));
    expect(created).toContain(currentSessionId);

    const cookies = await page.context().cookies();
    const sessionCookie = cookies.find((cookie) => cookie.name === 'sd.sid');
    expect(sessionCookie?.httpOnly).toBe(true);
    expect(sessionCookie?.sameSite).toBe('Lax');
    expect(await page.evaluate(() => document.cookie)).not.toContain('sd.sid');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();

    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);
    expect(await me.json()).toMatchObject({ error: 'unauthenticated' });
    expect(await keycloakSessionIds(operator.username)).not.toContain(currentSessionId);
  });
}

test('a state-changing request without the anti-forgery header is refused', async ({ page }) => {
  await signIn(page, 'desk-auditor', 'desk-auditor');
  const refused = await page.request.post('/auth/logout');
  expect(refused.status()).toBe(403);
  expect((await page.request.get('/api/me')).status()).toBe(200);
});

test('a person Keycloak signs in without a console role is told so, holds no console session, and their Keycloak session is ended', async ({ page }) => {
  const username = browserEndUsers.noRole;
  const before = new Set(await keycloakSessionIds(username));
  await page.goto('/');
  await page.waitForURL(/\/realms\/demo\/protocol\/openid-connect\/auth|login-actions/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('demo-user-password');
  await page.locator('#kc-login').click();
  await page.waitForURL('http://localhost:3100/signed-out?reason=no-role');
  await expect(page.getByRole('heading', { name: 'You have no role in this console' })).toBeVisible();
  await expect(page.getByText(/none of .*roles/)).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);
  expect((await keycloakSessionIds(username)).filter((id) => !before.has(id))).toEqual([]);
});

test('an operator whose session ends while a page is open is told so, and signing in again returns them to where they were', async ({ page }) => {
  await signIn(page, 'desk-auditor', 'desk-auditor', '/realms/demo/sessions?q=ann');
  await expect(page.getByTestId('sessions-table').or(page.getByText(/No sessions/))).toBeVisible();

  // The session ends elsewhere (as a sign-out in another tab does), then the operator moves on in this one.
  const ended = await page.request.post('/auth/logout', { headers: { 'X-CSRF': '1' } });
  expect(ended.ok()).toBe(true);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();

  await page.waitForURL((url) => url.pathname === '/signed-out' && url.searchParams.get('reason') === 'session-ended');
  await expect(page.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
  const returnTo = new URL(page.url()).searchParams.get('returnTo') ?? '';
  expect(returnTo).toMatch(/^\/audit/);

  await page.getByRole('link', { name: 'Sign in again' }).click();
  await page.waitForURL(/\/realms\/demo\/protocol\/openid-connect\/auth|login-actions/);
  await page.locator('#username').fill('desk-auditor');
  await page.locator('#password').fill('desk-auditor');
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.origin === 'http://localhost:3100' && `${url.pathname}${url.search}` === returnTo);
  await expect(page.getByTestId('operator-username')).toHaveText('desk-auditor');
});
