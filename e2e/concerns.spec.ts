import { expect, test, type Locator, type Page } from '@playwright/test';
import { endUserSession, keycloakSessionIds, keycloakSessions, logoutEverywhere, nextSecond, offlineEndUserSession, signIn } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

/**
 * The "Sessions of concern" page against the real test Keycloak, which has no seeded cases: each
 * test makes its own with its own end users (e2e/support/end-users.ts), signing them in "from"
 * public addresses (X-Forwarded-For) where a rule is about countries. The time-based rules need an
 * admin to set one-minute limits, which the test restores afterwards.
 */

const NL = '193.0.0.1';
const US = '8.8.8.8';
/** Where the newcomer's later session may come from, with the country the shipped database places it in. */
const FOREIGN = [
  { address: US, country: 'US' },
  { address: '200.160.7.9', country: 'BR' },
  { address: '1.128.7.9', country: 'AU' },
];
const users = {
  traveller: browserEndUsers.concernTraveller,
  newcomer: browserEndUsers.concernNewcomer,
  hoarder: browserEndUsers.concernHoarder,
  idler: browserEndUsers.concernIdler,
  oldTimer: browserEndUsers.concernOldTimer,
};
const CONCERNS = '/realms/demo/concerns';
const SETTINGS_API = '/api/realms/demo/concerns/settings';
/** A case shows after the realm's next snapshot rebuild and the page's next 15 s refetch. */
const UNTIL_FLAGGED = { timeout: 60_000 };

/** The flagged case of `username` under `rule` on the page. */
const concernItem = (page: Page, rule: string, username: string): Locator =>
  page.locator(`[data-testid="concern-item"][data-rule="${rule}"][data-user="${username}"]`);

/** `count` fresh sessions of `username` (after ending the ones left from earlier runs); returns their ids. */
async function freshSessions(username: string, count: number): Promise<string[]> {
  await logoutEverywhere(username);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await endUserSession(username, 'demo-portal'));
  return ids;
}

type Settings = Record<string, Record<string, number | boolean>>;

/** The realm's rules as they are now (the signed-in operator's view through the BFF). */
async function currentSettings(page: Page): Promise<Settings> {
  const response = await page.request.get(SETTINGS_API);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { settings: Settings }).settings;
}

/** Puts the rules back as they were (as an admin), so the other tests see the realm's usual rules. */
async function restoreSettings(page: Page, settings: Settings): Promise<void> {
  const response = await page.request.put(SETTINGS_API, {
    headers: { 'X-CSRF': '1' },
    data: { reason: 'E2E: the rules back as they were before the test', settings },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Sets one duration rule's number and unit in the admin's settings form. */
async function setDuration(form: Locator, rule: string, value: string, unit: 'minutes' | 'hours' | 'days'): Promise<void> {
  const fields = form.locator(`fieldset[data-rule="${rule}"]`);
  await fields.getByRole('combobox').selectOption(unit);
  await fields.getByRole('spinbutton').fill(value);
}

/** Saves the admin's settings form with `reason` and waits for the confirmation. */
async function saveRules(page: Page, reason: string): Promise<void> {
  const form = page.getByTestId('concern-settings-form');
  await form.getByLabel('Reason').fill(reason);
  const [saved] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === SETTINGS_API && response.request().method() === 'PUT'),
    form.getByRole('button', { name: 'Save rules' }).click(),
  ]);
  expect(saved.status(), await saved.text()).toBe(200);
  await expect(page.getByTestId('concern-settings')).toContainText(/Last changed .* by desk-admin\./);
}

/** The newcomer's "new" country: one that none of their sessions still live from an earlier run came from. */
let newCountry = FOREIGN[0] as (typeof FOREIGN)[number];

test.beforeAll(async () => {
  // The console keeps every country it has seen a user's live session from (the new-country rule's
  // history): if it saw the newcomer's leftovers of an interrupted run, their country is not new any more.
  const leftover = new Set((await keycloakSessions(users.newcomer)).map((session) => session.ipAddress));
  const unseen = FOREIGN.find((foreign) => !leftover.has(foreign.address));
  if (!unseen) throw new Error(`every foreign address is among ${users.newcomer}'s live sessions`);
  newCountry = unseen;
  for (const username of Object.values(users)) await logoutEverywhere(username);
  // The traveller works from two countries at once; the newcomer had only NL until a later session from elsewhere.
  await endUserSession(users.traveller, 'demo-portal', NL);
  await endUserSession(users.traveller, 'demo-mail', US);
  await endUserSession(users.newcomer, 'demo-portal', NL);
  await nextSecond();
  await endUserSession(users.newcomer, 'demo-mail', newCountry.address);
  for (let i = 0; i < 6; i += 1) await endUserSession(users.hoarder, 'demo-portal');
  await offlineEndUserSession(users.idler, 'demo-mobile');
  await endUserSession(users.oldTimer, 'demo-crm');
});

test('the page shows a case of every rule with its reason, once an admin sets one-minute limits for the time-based rules', async ({ page }) => {
  // The offline and old sessions must pass their one-minute limits: about a minute, plus a rebuild and a refetch.
  test.setTimeout(240_000);
  await signIn(page, 'desk-admin', 'desk-admin', CONCERNS);
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions of concern' })).toBeVisible();
  const before = await currentSettings(page);
  try {
    const form = page.getByTestId('concern-settings-form');
    await setDuration(form, 'idle-offline', '1', 'minutes');
    await setDuration(form, 'old-session', '1', 'minutes');
    await saveRules(page, 'E2E: one-minute limits to see the time-based rules flag');
    // A one-minute limit is shown as one minute (it read "0.001 days").
    for (const rule of ['idle-offline', 'old-session']) {
      const fields = form.locator(`fieldset[data-rule="${rule}"]`);
      await expect(fields.getByRole('spinbutton')).toHaveValue('1');
      await expect(fields.getByRole('combobox')).toHaveValue('minutes');
    }

    const reason = (rule: string, username: string) => concernItem(page, rule, username).getByTestId('concern-reason');
    await expect(reason('many-countries', users.traveller)).toHaveText('2 countries within 24 h: NL, US', UNTIL_FLAGGED);
    await expect(reason('too-many-sessions', users.hoarder)).toHaveText('6 live sessions (limit 5)', UNTIL_FLAGGED);
    // Before it: NL, and any country of leftovers an interrupted run left live when this console saw them.
    await expect(reason('new-country', users.newcomer)).toHaveText(new RegExp(`^First session from ${newCountry.country} \\(.+\\); seen before: ([A-Z]{2}, )*NL(, [A-Z]{2})*$`), UNTIL_FLAGGED);
    await expect(reason('idle-offline', users.idler)).toHaveText(/^(Offline session|\d+ offline sessions) unused for \d+ min( or more)? \(limit 1 min\)$/, { timeout: 150_000 });
    await expect(reason('old-session', users.oldTimer)).toHaveText(/^Session started \d+ min ago \(limit 1 min\)$/, { timeout: 150_000 });
    // Each case lists the sessions it is about.
    await expect(concernItem(page, 'many-countries', users.traveller).getByTestId('concern-session-row')).toHaveCount(2);
    await expect(concernItem(page, 'too-many-sessions', users.hoarder).getByTestId('concern-session-row')).toHaveCount(6);
    await expect(concernItem(page, 'new-country', users.newcomer).getByTestId('concern-session-row')).toHaveCount(1);
    // The navigation's badge counts the cases.
    await expect(page.getByTestId('concern-count-badge')).toHaveText(/^\d+ flagged in demo$/);
  } finally {
    await restoreSettings(page, before);
  }
});

test('help-desk ends a flagged session from the page with a reason: gone in Keycloak, recorded in the audit trail', async ({ page }) => {
  test.setTimeout(180_000);
  const user = browserEndUsers.concernEnded;
  const [target, ...rest] = await freshSessions(user, 6);
  if (!target) throw new Error('no session made');
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', CONCERNS);
  const item = concernItem(page, 'too-many-sessions', user);
  await expect(item.getByTestId('concern-reason')).toHaveText('6 live sessions (limit 5)', UNTIL_FLAGGED);

  const reason = `E2E concern: six sessions at once, INC-${Date.now()}`;
  await item.locator(`[data-testid="concern-session-row"][data-session-id="${target}"]`).getByRole('button', { name: `End session of ${user}` }).click();
  const dialog = page.getByRole('dialog', { name: 'End session' });
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Ended ${user}'s session` })).toBeVisible();

  // Keycloak's own view: that session is gone, the other five live on.
  const live = await keycloakSessionIds(user);
  expect(live).not.toContain(target);
  expect(live).toEqual(expect.arrayContaining(rest));
  // Five is the limit, not over it: the case is resolved.
  await expect(item).toHaveCount(0, UNTIL_FLAGGED);

  await page.goto(`/audit?user=${user}`);
  const entry = page.locator(`[data-testid="audit-row"][data-session-id="${target}"]`);
  await expect(entry.getByTestId('audit-reason')).toHaveText(reason);
  await expect(entry).toContainText('desk-helpdesk');
  await expect(entry).toContainText('Succeeded');
});

test('an auditor sees the cases read-only: no End, no ticking, the rules as text', async ({ page }) => {
  test.setTimeout(120_000);
  const user = browserEndUsers.concernAudited;
  await freshSessions(user, 6);
  await signIn(page, 'desk-auditor', 'desk-auditor', CONCERNS);
  const item = concernItem(page, 'too-many-sessions', user);
  await expect(item.getByTestId('concern-reason')).toHaveText('6 live sessions (limit 5)', UNTIL_FLAGGED);
  await expect(item.getByTestId('concern-session-row')).toHaveCount(6);

  await expect(page.getByRole('button', { name: /^End/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
  const rules = page.getByTestId('concern-settings');
  await expect(rules.getByTestId('concern-settings-summary')).toBeVisible();
  await expect(rules.locator('[data-rule="too-many-sessions"]')).toContainText('On, limit 5 sessions');
  await expect(page.getByTestId('concern-settings-form')).toHaveCount(0);
  await expect(rules.getByRole('spinbutton')).toHaveCount(0);
  await expect(rules.getByRole('button', { name: 'Save rules' })).toHaveCount(0);
  // The API refuses a change from an auditor too, whatever the page shows.
  const refused = await page.request.put(SETTINGS_API, {
    headers: { 'X-CSRF': '1' },
    data: { reason: 'E2E: an auditor tries to change the rules', settings: { 'too-many-sessions': { enabled: false, maxSessions: 5 } } },
  });
  expect(refused.status()).toBe(403);
});

test('an admin lowers a limit with a reason: the page flags by the new limit, and the change is in the audit trail', async ({ page }) => {
  test.setTimeout(120_000);
  const user = browserEndUsers.concernTuned;
  await freshSessions(user, 3);
  await signIn(page, 'desk-admin', 'desk-admin', CONCERNS);
  const before = await currentSettings(page);
  try {
    const form = page.getByTestId('concern-settings-form');
    await form.locator('fieldset[data-rule="too-many-sessions"]').getByRole('spinbutton').fill('2');
    const reason = `E2E: two sessions are enough for now, CHG-${Date.now()}`;
    await saveRules(page, reason);

    await expect(form.locator('fieldset[data-rule="too-many-sessions"]').getByRole('spinbutton')).toHaveValue('2');
    await expect(page.getByTestId('concern-settings')).toContainText(/Last changed .* by desk-admin\./);
    await expect(concernItem(page, 'too-many-sessions', user).getByTestId('concern-reason')).toHaveText('3 live sessions (limit 2)', UNTIL_FLAGGED);
    expect((await currentSettings(page))['too-many-sessions']).toEqual({ enabled: true, maxSessions: 2 });

    await page.goto('/audit?action=concerns.configure');
    const entry = page.getByTestId('audit-row').filter({ has: page.getByTestId('audit-reason').getByText(reason, { exact: true }) });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('desk-admin');
    await expect(entry).toContainText('Succeeded');
  } finally {
    await restoreSettings(page, before);
  }
});

// Leftovers would be the next run's history (see beforeAll): end what this file made.
test.afterAll(async () => {
  for (const username of [...Object.values(users), browserEndUsers.concernEnded, browserEndUsers.concernAudited, browserEndUsers.concernTuned]) await logoutEverywhere(username);
});
