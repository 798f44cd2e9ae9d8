import { expect, test, type Page } from '@playwright/test';
import { endUserSession, signIn } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

// A demo end user that no other test touches (e2e/support/end-users.ts).
const user = browserEndUsers.hostileReason;

/** Markup that would create elements and run script if the SPA ever rendered a reason as HTML. */
const reason = `Ticket 666 <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b id="hostile-bold">bold</b> <svg onload="window.__pwned=3"></svg>`;

/** Fails the test on any script the reason could have run: an alert/confirm dialog or the flag it sets. */
function watchForScript(page: Page): () => Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  };
}

test('a hostile reason shows as text in the audit trail: no element created, no script run', async ({ page, browser }) => {
  const sessionId = await endUserSession(user, 'demo-portal');

  // Help-desk types the reason into the console's own dialog.
  const helpdeskContext = await browser.newContext();
  try {
    const helpdesk = await helpdeskContext.newPage();
    const helpdeskRan = watchForScript(helpdesk);
    await signIn(helpdesk, 'desk-helpdesk', 'desk-helpdesk', `/realms/demo/sessions?q=${user}`);
    const row = helpdesk.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
    await row.getByRole('button', { name: `End session of ${user}` }).click();
    const dialog = helpdesk.getByRole('dialog', { name: 'End session' });
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'End session' }).click();
    await expect(helpdesk.getByRole('status').filter({ hasText: `Ended ${user}'s session` })).toBeVisible();
    await helpdeskRan();
  } finally {
    await helpdeskContext.close();
  }

  // An auditor reads the trail: the reason is there character for character, as text.
  const ran = watchForScript(page);
  await signIn(page, 'desk-auditor', 'desk-auditor', '/audit');
  await page.getByLabel('Target user').fill(user);
  const ours = page.locator(`[data-testid="audit-row"][data-session-id="${sessionId}"]`);
  await expect(ours).toBeVisible();
  const cell = ours.getByTestId('audit-reason');
  await expect(cell).toHaveText(reason);
  // No element came out of the reason: the cell holds text only, and the page has none of its elements.
  expect(await cell.evaluate((element) => element.querySelectorAll('*').length)).toBe(0);
  await expect(page.locator('img[src="x"], #hostile-bold, svg[onload]')).toHaveCount(0);
  await ran();
});
