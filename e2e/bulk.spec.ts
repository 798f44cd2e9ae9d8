import { expect, test } from '@playwright/test';
import { endUserSession, keycloakSessionIds, logoutEverywhere, signIn, UNTIL_NEXT_REBUILD } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

// A demo end user that no other test touches (e2e/support/end-users.ts).
const user = browserEndUsers.bulk;
const clients = ['demo-portal', 'demo-mail', 'demo-crm', 'demo-mobile'];

test('an admin ends several selected sessions in one bulk job, watches it and sees every outcome', async ({ page }) => {
  await logoutEverywhere(user); // leftovers of an interrupted run would keep the list from emptying
  const ids: string[] = [];
  for (const client of clients) ids.push(await endUserSession(user, client));
  expect(await keycloakSessionIds(user)).toEqual(expect.arrayContaining(ids));

  await signIn(page, 'desk-admin', 'desk-admin', `/realms/demo/sessions?q=${user}`);
  const row = (id: string) => page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
  for (const id of ids) {
    await expect(row(id)).toBeVisible(UNTIL_NEXT_REBUILD);
    await row(id).getByRole('checkbox', { name: `Select session of ${user}` }).check();
  }
  await expect(page.getByTestId('bulk-selected-count')).toContainText('4 selected');

  await page.getByRole('button', { name: 'End selected…' }).click();
  const confirm = page.getByRole('dialog', { name: 'End 4 sessions' });
  await expect(confirm.getByTestId('bulk-summary')).toContainText(`End 4 sessions of ${user}.`);
  const endButton = confirm.getByRole('button', { name: 'End 4 sessions' });
  await expect(endButton).toBeDisabled();
  await confirm.getByLabel('Reason').fill('E2E bulk: account takeover, INC-4711');
  await endButton.click();

  const progress = page.getByRole('progressbar', { name: 'Ending sessions' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuemax', '4');
  await expect(progress).toHaveAttribute('aria-valuenow', '4');
  await expect(page.getByRole('dialog', { name: 'Sessions ended' })).toBeVisible();
  await expect(page.getByTestId('job-done')).toHaveText('4');
  await expect(page.getByTestId('job-failed')).toHaveText('0');
  await expect(page.getByTestId('job-left')).toHaveText('0');

  const outcomes = page.getByTestId('bulk-outcome-row');
  await expect(outcomes).toHaveCount(4);
  for (const id of ids) {
    const outcome = page.locator(`[data-testid="bulk-outcome-row"][data-session-id="${id}"]`);
    await expect(outcome).toHaveAttribute('data-outcome', 'ended');
    await expect(outcome).toContainText(user);
    await expect(outcome).toContainText('Ended');
  }
  await expect(page.getByRole('status').filter({ hasText: 'Ended 4 sessions' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  // Keycloak's own view: they are gone. The list follows.
  const live = await keycloakSessionIds(user);
  for (const id of ids) expect(live).not.toContain(id);
  for (const id of ids) await expect(row(id)).toHaveCount(0);
  // The list is empty because of what was just done, and says so; no bulk button over nothing.
  await expect(page.getByText(`No sessions left for “${user}”`)).toBeVisible();
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
});
