import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import type { SessionRow } from '@session-desk/contracts';
import {
  endUserSession,
  keycloakSessionIds,
  logoutEverywhere,
  nextSecond,
  offlineEndUserSession,
  signIn,
  singleSignOnSession,
  UNTIL_NEXT_REBUILD,
} from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

// Demo end users that no other test touches (other files reserve the end of the list).
const dialogUser = 'aisha.bauer';
const noOfflineUser = 'aisha.haddad';
const focusUser = 'aisha.mensah';
const staleUser = 'aisha.petrov';
const lastUser = 'aisha.tanaka';
const bulkUser = 'uma.olsen';
const layoutUser = browserEndUsers.layout;
const wideUser = browserEndUsers.wideRows;

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

const sessionRow = (page: Page, id: string) => page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not visible');
  return found;
}

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

/** Which of the page's tables are wider than their frame, and whether the page itself pans sideways. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const scrolling = document.scrollingElement ?? document.documentElement;
    const pans = scrolling.scrollWidth > scrolling.clientWidth;
    return {
      page: scrolling.scrollWidth - scrolling.clientWidth,
      // Where a page pans sideways: the innermost boxes reaching past the window (named for the failure message).
      ...(pans
        ? {
            wide: [...document.querySelectorAll('body *')]
              .filter((element) => element.getBoundingClientRect().right > scrolling.clientWidth + 1)
              // Not the cells of a screen-reader-only header (clipped to one pixel, they widen nothing).
              .filter((element) => !element.closest('thead, caption') || getComputedStyle(element.closest('thead, caption') ?? element).position !== 'absolute')
              .slice(-4)
              .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`),
          }
        : {}),
      // A table fits if neither its frame nor any box around it up to <main> is wider than it shows.
      tables: [...document.querySelectorAll('table:not([aria-hidden="true"])')].flatMap((table) => {
        const name = table.getAttribute('data-testid') ?? table.querySelector('caption')?.textContent ?? '?';
        const cut: string[] = [];
        for (let box = table.parentElement; box && box.tagName !== 'BODY'; box = box.parentElement) {
          if (box.scrollWidth > box.clientWidth) cut.push(`${name}: ${box.tagName.toLowerCase()} ${box.scrollWidth} > ${box.clientWidth}`);
          if (box.tagName === 'MAIN') break;
        }
        return cut;
      }),
    };
  });
}

type Operator = 'desk-admin' | 'desk-helpdesk' | 'desk-auditor';

/** Whether a role has the page (else the page says "Your role does not include this page"). */
const pageFor: Record<Operator, { events: boolean; connection: boolean }> = {
  'desk-admin': { events: true, connection: true },
  'desk-helpdesk': { events: false, connection: false },
  'desk-auditor': { events: true, connection: false },
};

/** Every page of the console as `role` sees it, each with what it shows once its data is in. */
function layoutPages(role: Operator, userId: string) {
  const access = (page: Page) => page.getByRole('heading', { name: 'Your role does not include this page' });
  return [
    { path: '/', ready: (page: Page) => page.getByRole('searchbox', { name: 'Find a user or session' }) },
    { path: '/realms/demo/sessions', ready: (page: Page) => page.getByTestId('session-row').first() },
    { path: `/realms/demo/users?q=${layoutUser}`, ready: (page: Page) => page.getByTestId('user-result').first() },
    { path: `/realms/demo/users/${userId}`, ready: (page: Page) => page.getByTestId('user-session-row').first() },
    { path: '/realms/demo/events', ready: pageFor[role].events ? (page: Page) => page.getByTestId('login-event-row').first() : access },
    { path: '/audit', ready: (page: Page) => page.getByTestId('audit-row').first() },
    { path: '/connection', ready: pageFor[role].connection ? (page: Page) => page.getByTestId('connection-verdict') : access },
    { path: '/me/sessions', ready: (page: Page) => page.getByTestId('my-session-row').first() },
  ];
}

/** Ends one session of the layout user from its user page, as `operator` (an audit entry of theirs). */
async function endFromUserPage(browser: Browser, operator: Operator, userId: string, sessionId: string) {
  const page = await browser.newPage();
  await signIn(page, operator, operator, `/realms/demo/users/${userId}`);
  await page.locator(`[data-testid="user-session-row"][data-session-id="${sessionId}"]`).getByRole('button', { name: /^End session of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'End session' });
  await dialog.getByLabel('Reason').fill('E2E layout: ticket HD-14');
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(dialog).toHaveCount(0);
  await page.close();
}

test.describe('4 layout', () => {
  let userId = '';
  test.beforeAll(async ({ browser }) => {
    // Data on every page: the user keeps one session (user page, Sessions); an administrator and
    // a help-desk operator each end one (Audit, which shows help desk its own entries only).
    await logoutEverywhere(layoutUser);
    await endUserSession(layoutUser, 'demo-portal');
    const endedByAdmin = await endUserSession(layoutUser, 'demo-mail');
    const endedByHelpDesk = await endUserSession(layoutUser, 'demo-crm');
    const page = await browser.newPage();
    await signIn(page, 'desk-admin', 'desk-admin', `/realms/demo/users?q=${layoutUser}`);
    await page.getByTestId('user-result').filter({ hasText: layoutUser }).getByRole('link').first().click();
    userId = /\/users\/([^/?]+)/.exec(page.url())?.[1] ?? '';
    await page.close();
    await endFromUserPage(browser, 'desk-admin', userId, endedByAdmin);
    await endFromUserPage(browser, 'desk-helpdesk', userId, endedByHelpDesk);
  });

  // Phones (the lists stack into cards), then desktops.
  const sizes = [
    { width: 360, height: 800 },
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ];
  for (const role of ['desk-admin', 'desk-helpdesk', 'desk-auditor'] as const) {
    for (const size of sizes) {
      test(`4 at ${size.width}px no page of ${role} pans sideways and every table fits its frame (all pages, with data)`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.setViewportSize(size);
        await signIn(page, role, role);
        const seen = [];
        for (const { path, ready } of layoutPages(role, userId)) {
          await page.goto(path);
          await expect(ready(page)).toBeVisible();
          // The product name is never cut off ("Sessio…").
          const brand = page.getByRole('banner').getByText('Session Desk', { exact: true });
          seen.push({ path, ...(await overflow(page)), brandCut: await brand.evaluate((element) => element.scrollWidth > element.clientWidth) });
        }
        expect(seen).toEqual(seen.map(({ path }) => ({ path, page: 0, tables: [], brandCut: false })));
      });
    }
  }
});

/** An address of the demo data's Colombian network (planDemoLogins' 181.48.x.x): "CO" and "Telmex Colombia" in the Location column. */
const demoAddress = '181.48.203.117';
const demoApps = ['demo-portal', 'demo-mail', 'demo-crm', 'demo-mobile'];

/**
 * The longest values a session row can realistically hold (issue #12), swapped into the real list's
 * answer for one row: a 40-character username with a longer email, a full-length IPv6 address, a
 * long network name and a long client id.
 */
const worstUsername = 'maximiliana.vandenberghe-oyelaran.ext.01';
function worstCase(row: SessionRow): SessionRow {
  const username = worstUsername;
  return {
    ...row,
    username,
    email: `${username}@subsidiary.example-corporation.org`,
    ipAddress: '2a02:8100:ffff:ffff:ffff:ffff:ffff:fffe',
    location: { scope: 'public', country: { code: 'DE', name: 'Germany' }, network: { asn: 6805, name: 'Telefonica Germany GmbH & Co. OHG Mobile Broadband Division' } },
    clients: [...row.clients, { id: 'worst-case-client', clientId: 'customer-self-service-portal-legacy' }],
  };
}

test.describe('4 demo-length rows', () => {
  let wide = '';
  let revoked = '';
  test.beforeAll(async ({ browser }) => {
    // As the demo data has them: an offline session revoked by "log out everywhere" (its not-before
    // lies after the session's last use), and one session from a public network in four apps.
    await logoutEverywhere(wideUser);
    revoked = await offlineEndUserSession(wideUser, 'demo-mail', demoAddress);
    await nextSecond();
    await logoutEverywhere(wideUser);
    await nextSecond();
    wide = await singleSignOnSession(browser, wideUser, demoApps, demoAddress);
  });

  for (const [role, width] of [
    ['desk-helpdesk', 1024],
    ['desk-helpdesk', 1440],
    ['desk-admin', 1440],
    ['desk-admin', 1920],
  ] as const) {
    test(`4 the unfiltered Sessions table of ${role} fits at ${width}px with demo-length and worst-case rows: End visible, no horizontal scroll`, async ({ page }) => {
      test.setTimeout(120_000); // it may wait twice for the next snapshot rebuild
      await page.setViewportSize({ width, height: 900 });
      await signIn(page, role, role, '/realms/demo/sessions');
      const table = page.getByTestId('sessions-table');
      // The rows really are demo-length: country and network, four apps, the revoked mark.
      const wideRow = sessionRow(page, wide);
      await expect(wideRow).toBeVisible(UNTIL_NEXT_REBUILD);
      await expect(wideRow.getByTestId('session-network')).toHaveText(/Telmex Colombia/);
      await expect(wideRow.locator('[data-column="clients"] li')).toHaveCount(demoApps.length);
      await expect(sessionRow(page, revoked).getByTestId('session-revoked')).toBeVisible(UNTIL_NEXT_REBUILD);

      const fits = async () => {
        expect(await overflow(page)).toEqual({ page: 0, tables: [] });
        const frameBox = await box(table.locator('xpath=..'));
        for (const row of [wideRow, sessionRow(page, revoked)]) {
          const end = row.getByRole('button', { name: /^End session of/ });
          const endBox = await box(end);
          expect(endBox.x + endBox.width).toBeLessThanOrEqual(frameBox.x + frameBox.width);
        }
        // Client names never break inside ("demo-/portal"): chips wrap between each other.
        const chip = wideRow.getByRole('listitem').filter({ hasText: 'demo-portal' });
        expect((await box(chip)).height).toBeLessThan(30);
      };
      await fits();
      // Every filter is wide enough to read its value and placeholder (at 1024 the five fields in
      // one line squeezed Client to 75 px, showing "A").
      for (const name of ['Client', 'Type']) expect((await box(page.getByLabel(name, { exact: true }))).width).toBeGreaterThanOrEqual(140);

      // The same list with the worst case in one row.
      await page.route('**/api/realms/demo/sessions?**', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { items: SessionRow[] };
        await route.fulfill({ response, json: { ...body, items: body.items.map((row) => (row.id === wide ? worstCase(row) : row)) } });
      });
      await page.reload();
      await expect(wideRow.getByRole('link', { name: worstUsername })).toBeVisible(UNTIL_NEXT_REBUILD);
      await fits();
      // A long value that is cut keeps its full text on hover.
      await expect(wideRow.getByRole('listitem').filter({ hasText: 'customer-self-service-portal-legacy' })).toHaveAttribute('title', 'customer-self-service-portal-legacy');
    });
  }
});

for (const width of [390, 360]) {
  test(`4 at ${width}px the lists stack into cards, the page never pans sideways, "Rows per page" shows its value`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await signIn(page, 'desk-helpdesk', 'desk-helpdesk', '/realms/demo/sessions');
    const row = page.getByTestId('session-row').first();
    await expect(row).toBeVisible();
    expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe('block');
    // A card's values use the card's width: the IP address is one line, not two-character shreds.
    expect((await box(row.locator('td[data-label="IP address"]'))).height).toBeLessThan(32);
    // Nothing is ticked: the bulk bar covers none of the filters, in a tall window or a short one
    // (what is at each field's centre, scrolled to the bottom of the window, is the field).
    await expect(page.getByTestId('bulk-bar')).toBeVisible();
    for (const height of [844, 667]) {
      await page.setViewportSize({ width, height });
      for (const name of ['Search sessions', 'Client', 'Type', 'Country', 'Network']) {
        const hit = await page.getByLabel(name, { exact: true }).evaluate((element) => {
          element.scrollIntoView({ block: 'end' });
          const { x, y, width: w, height: h } = element.getBoundingClientRect();
          const top = document.elementFromPoint(x + w / 2, y + h / 2);
          return top === element || element.contains(top) ? 'the field' : `${top?.tagName.toLowerCase()}.${top?.className}`;
        });
        expect(hit, `${name} at ${width}×${height}`).toBe('the field');
      }
    }
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const end = row.getByRole('button', { name: /^End session of|Sign out/ }).first();
    const endBox = await box(end);
    expect(endBox.x + endBox.width).toBeLessThanOrEqual(width);
    // Every tab of the main navigation is reachable on screen (the nav wraps instead of cutting "My sessions" off).
    const mySessionsTab = await box(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sessions' }));
    expect(mySessionsTab.x + mySessionsTab.width).toBeLessThanOrEqual(width);
    const size = page.getByLabel('Rows per page');
    await expect(size).toHaveValue('50');
    expect(await size.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await page.goto('/me/sessions');
    await expect(page.getByTestId('my-session-row').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

for (const width of [390, 360]) {
  test(`4 at ${width}px the administrator's Sessions header wraps, and the Realm actions menu opens inside the window`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await signIn(page, 'desk-admin', 'desk-admin', '/realms/demo/sessions');
    await expect(page.getByTestId('session-row').first()).toBeVisible();
    const toggle = page.getByRole('button', { name: 'Realm actions' });
    const toggleBox = await box(toggle);
    expect(toggleBox.x + toggleBox.width).toBeLessThanOrEqual(width);
    await toggle.click();
    const menu = page.getByRole('button', { name: 'Sign out everyone in demo…' });
    await expect(menu).toBeVisible();
    const menuBox = await box(menu);
    expect(menuBox.x).toBeGreaterThanOrEqual(0);
    expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth <= window.innerWidth)).toBe(true);
  });
}

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
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill(`${staleUser}@`);
  await expect(page.getByTestId('sessions-table')).toHaveAttribute('aria-busy', 'true');
  await expect(end).toHaveAttribute('aria-disabled', 'true');
  await end.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`q=${staleUser}%40`));
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
