import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import type { AuditListResponse, SessionRow } from '@session-desk/contracts';
import { endUserSession, ensureEndUser, logoutEverywhere, nextSecond, offlineEndUserSession, signIn, singleSignOnSession, UNTIL_NEXT_REBUILD } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';
import { box, sessionRow } from './support/page.ts';

// The layout half of the help-desk walk (issue #12's item 4): every page of each role at phone and
// desktop widths, and the widest rows the data holds. Its end users belong to this file alone.
/**
 * The walk's end user has values as long as Keycloak lets people have (a 255-character username, the
 * most Keycloak's default user profile allows, with no space to break at; long names and email): each
 * page must wrap them rather than pan sideways or squeeze its other columns (92 characters until 3 December 2026).
 */
const layoutAccount = {
  username: `${browserEndUsers.layout}.with-a-very-long-username-`.padEnd(255, 'abcdefghij'),
  email: 'very.long.mailbox.name.for.layout.tests.0123456789@subsidiary.example-corporation.org',
  firstName: 'MaximilianaBartholomewKonstantina',
  lastName: 'WolfeschlegelsteinhausenbergerdorffOhneglied',
};
const layoutUser = layoutAccount.username;
/** A search as someone pastes it: one 250-character token that matches no session. */
const longSearch = `https://example.com/${'a'.repeat(230)}`;
const wideUser = browserEndUsers.wideRows;

/**
 * Which of the page's tables are wider than their frame, and whether the page itself pans sideways,
 * with every relative time ("3 min. ago") at its widest first: the walk's own times are seconds or
 * minutes old, and "58 min. ago" once widened the audit trail 2 px past its frame at 1024 px.
 */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const times = [...document.querySelectorAll('main time')];
    const probe = times[0];
    if (probe) {
      // The app's own format (lib/format.ts), at every count a unit shows.
      const format = new Intl.RelativeTimeFormat('en', { style: 'short', numeric: 'auto' });
      const texts = (['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const).flatMap((unit) => Array.from({ length: 60 }, (_, n) => format.format(-n, unit)));
      const widest = texts
        .map((text) => {
          probe.textContent = text;
          return { text, width: probe.getBoundingClientRect().width };
        })
        .reduce((a, b) => (b.width > a.width ? b : a)).text;
      for (const time of times) time.textContent = widest;
    }
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

/** The main navigation's links that are cut or reach past the navigation's edge (a count badge once stuck out by 5 px). */
function navCut(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).evaluate((nav) => {
    const edge = nav.getBoundingClientRect().right;
    return [...nav.querySelectorAll('a')]
      .filter((link) => link.scrollWidth > link.clientWidth || [link, ...link.querySelectorAll('*')].some((inside) => inside.getBoundingClientRect().right > Math.min(edge, link.getBoundingClientRect().right) + 0.5))
      .map((link) => link.textContent ?? '?');
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
    { path: `/realms/demo/sessions?q=${encodeURIComponent(longSearch)}`, ready: (page: Page) => page.getByText('No sessions match', { exact: false }).first() },
    { path: `/realms/demo/users?q=${layoutUser}`, ready: (page: Page) => page.getByTestId('user-result').first() },
    { path: `/realms/demo/users/${userId}`, ready: (page: Page) => page.getByTestId('user-session-row').first() },
    { path: '/realms/demo/events', ready: pageFor[role].events ? (page: Page) => page.getByTestId('login-event-row').first() : access },
    { path: '/realms/demo/concerns', ready: (page: Page) => page.locator(`[data-testid="concern-item"][data-user="${layoutUser}"]`).first() },
    { path: '/audit', ready: (page: Page) => page.getByTestId('audit-row').first() },
    { path: '/connection', ready: pageFor[role].connection ? (page: Page) => page.getByTestId('connection-verdict') : access },
    { path: '/me/sessions', ready: (page: Page) => page.getByTestId('my-session-row').first() },
  ];
}

/**
 * A reason as operators paste it: a ticket link with no space to break at, wider than a phone. In a
 * table cell it must wrap (a 360 px audit trail once panned sideways on a reason with a long token).
 */
const longTicketLink = 'https://tickets.example.com/browse/HD-14?focusedCommentId=1234567890&page=com.atlassian.jira.plugin.system.issuetabpanels';

/** Whether an element's content fits its own width (nothing cut at its edge or scrolled sideways inside it). */
const fitsItsWidth = (locator: Locator) => locator.evaluate((element) => element.scrollWidth <= element.clientWidth);

/**
 * Ends one session of the layout user from its user page, as `operator` (an audit entry of theirs),
 * on a 360 px phone: the dialog and the confirmation hold the long username without cutting it.
 */
async function endFromUserPage(browser: Browser, operator: Operator, userId: string, sessionId: string) {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await signIn(page, operator, operator, `/realms/demo/users/${userId}`);
  await page.locator(`[data-testid="user-session-row"][data-session-id="${sessionId}"]`).getByRole('button', { name: /^End session of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'End session' });
  await expect(dialog).toContainText(layoutUser);
  expect(await fitsItsWidth(dialog)).toBe(true);
  await dialog.getByLabel('Reason').fill(`E2E layout: ticket ${longTicketLink}`);
  await dialog.getByRole('button', { name: 'End session' }).click();
  await expect(dialog).toHaveCount(0);
  const ended = page.getByRole('status').filter({ hasText: `Ended ${layoutUser}'s session` });
  await expect(ended).toBeVisible();
  expect(await fitsItsWidth(ended)).toBe(true);
  await page.close();
}

test.describe('4 layout', () => {
  let userId = '';
  test.beforeAll(async ({ browser }) => {
    // Data on every page: the user keeps one session (user page, Sessions); an administrator and
    // a help-desk operator each end one (Audit, which shows help desk its own entries only).
    userId = await ensureEndUser(layoutAccount);
    await logoutEverywhere(layoutUser);
    await endUserSession(layoutUser, 'demo-portal');
    const endedByAdmin = await endUserSession(layoutUser, 'demo-mail');
    const endedByHelpDesk = await endUserSession(layoutUser, 'demo-crm');
    await endFromUserPage(browser, 'desk-admin', userId, endedByAdmin);
    await endFromUserPage(browser, 'desk-helpdesk', userId, endedByHelpDesk);
    // Six live sessions in all: over the limit of five, so Sessions of concern has a case headed by the long username.
    for (let i = 0; i < 5; i += 1) await endUserSession(layoutUser, 'demo-portal');
  });

  // Phones (the lists stack into cards), then desktops.
  const sizes = [
    { width: 360, height: 800 },
    { width: 390, height: 844 },
    { width: 768, height: 1024 },
    { width: 1024, height: 768 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ];
  for (const role of ['desk-admin', 'desk-helpdesk', 'desk-auditor'] as const) {
    for (const size of sizes) {
      test(`4 at ${size.width}px no page of ${role} pans sideways and every table fits its frame (all pages, with data)`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.setViewportSize(size);
        await signIn(page, role, role);
        // The navigation's badge with the widest count a realm may have (the demo's 297 pushed it 5 px out of its link).
        await page.route('**/api/realms/demo/concerns/count', async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, json: { ...((await response.json()) as object), count: 12_345 } });
        });
        // Every audit entry as part of a bulk job, whose id never wraps: the trail of a full browser run
        // holds bulk.spec's jobs, and with their ids it once reached 2 px past its frame at 1024 px.
        await page.route(/\/api\/audit(\?|$)/, async (route) => {
          const response = await route.fetch();
          const body = (await response.json()) as AuditListResponse;
          await route.fulfill({ response, json: { ...body, items: body.items.map((record) => ({ ...record, jobId: record.jobId ?? '3f2a9c4e-7b1d-4e8a-9f6c-2d5b8a1e0c7f' })) } });
        });
        const seen = [];
        for (const { path, ready } of layoutPages(role, userId)) {
          await page.goto(path);
          await expect(ready(page)).toBeVisible(UNTIL_NEXT_REBUILD);
          // The long user's six sessions are a case: the navigation's count badge is there to fit.
          if (path.endsWith('/concerns')) await expect(page.getByTestId('concern-count-badge')).toBeVisible();
          // The product name is never cut off ("Sessio…").
          const brand = page.getByRole('banner').getByText('Session Desk', { exact: true });
          seen.push({ path, ...(await overflow(page)), brandCut: await brand.evaluate((element) => element.scrollWidth > element.clientWidth), navCut: await navCut(page) });
        }
        expect(seen).toEqual(seen.map(({ path }) => ({ path, page: 0, tables: [], brandCut: false, navCut: [] })));

        // Home's quick find shows the long user's whole line, wrapped rather than cut with "…".
        await page.goto('/');
        await page.getByRole('searchbox', { name: 'Find a user or session' }).fill(layoutUser);
        for (const list of ['quick-find-users', 'quick-find-sessions']) {
          const line = page.getByTestId(list).getByRole('listitem').first();
          await expect(line).toContainText(layoutUser);
          expect(await fitsItsWidth(line), `${list} at ${size.width}px`).toBe(true);
        }
        const afterQuickFind = await overflow(page);
        expect(afterQuickFind.page, `Home's quick find at ${size.width}px pans the page: ${JSON.stringify(afterQuickFind.wide)}`).toBe(0);

        // Where the audit trail is a table, the long username wraps in its column and leaves the others
        // theirs: the operator's name stays on one line (it once broke into "des / k-ad / min").
        if (size.width >= 1024) {
          await page.goto('/audit');
          const row = page.getByTestId('audit-row').filter({ hasText: layoutUser }).first();
          await expect(row).toBeVisible(UNTIL_NEXT_REBUILD);
          const operatorLines = await row.getByText(/^desk-(admin|helpdesk)$/).first().evaluate((element) => Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)));
          expect(operatorLines, `the operator's name in the audit trail at ${size.width}px`).toBe(1);
        }
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
      // On a desktop a long client id is cut, its full name on hover: the row stays one chip high.
      const longChip = wideRow.getByRole('listitem').filter({ hasText: 'customer-self-service-portal-legacy' });
      await expect(longChip).toHaveAttribute('title', 'customer-self-service-portal-legacy');
      // On a phone the list is cards and nothing can be hovered: there the long id wraps inside its chip, whole.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(longChip).toHaveText('customer-self-service-portal-legacy');
      expect(await fitsItsWidth(longChip)).toBe(true);
      expect(await overflow(page)).toEqual({ page: 0, tables: [] });
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
