import { expect, test, type Page } from '@playwright/test';
import { endUserSession, keycloakClientSessionStats, logoutEverywhere, signIn, UNTIL_NEXT_REBUILD } from './support/keycloak.ts';
import { browserEndUsers } from './support/end-users.ts';

// A demo end user that no other test touches (e2e/support/end-users.ts).
const user = browserEndUsers.clientChart;
/** The chart's own chunk (client-chart-panel.tsx imports it lazily). */
const chartChunk = /\/assets\/client-sessions-chart-[^/]+\.js$/;

/** What the bars say, per client: "demo-mail: 4 active, 20 offline. Show only this client". */
async function barCounts(page: Page): Promise<Record<string, { active: number; offline: number }>> {
  const labels = await page.getByTestId('client-bar').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
  return Object.fromEntries(
    labels.map((label) => {
      const match = /^(.+): ([\d,]+) active, ([\d,]+) offline\./.exec(label);
      if (!match) throw new Error(`a bar without counts: ${label}`);
      const count = (text: string | undefined) => Number((text ?? '').replaceAll(',', ''));
      return [match[1] ?? '', { active: count(match[2]), offline: count(match[3]) }];
    }),
  );
}

async function openChart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show chart' }).click();
  await expect(page.getByTestId('client-chart')).toBeVisible();
}

test('the per-client chart loads only when shown, its bars are Keycloak’s client-session-stats, and a bar filters the list', async ({ page }) => {
  test.setTimeout(180_000);
  await logoutEverywhere(user);
  const crm = await endUserSession(user, 'demo-crm');
  const mail = await endUserSession(user, 'demo-mail');

  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (chartChunk.test(new URL(request.url()).pathname)) chunkRequests.push(request.url());
  });
  await signIn(page, 'desk-helpdesk', 'desk-helpdesk', `/realms/demo/sessions?q=${user}`);
  const row = (id: string) => page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
  await expect(row(crm)).toBeVisible(UNTIL_NEXT_REBUILD);
  await expect(row(mail)).toBeVisible();

  // Closed, the chart is not loaded at all: not its code, not its bars.
  await expect(page.getByRole('button', { name: 'Show chart' })).toHaveAttribute('aria-expanded', 'false');
  expect(chunkRequests).toEqual([]);
  await expect(page.getByTestId('client-chart')).toHaveCount(0);
  await openChart(page);
  expect(chunkRequests).toHaveLength(1);

  // Each bar is the count the page read, and that count is Keycloak's: read right before and after
  // the page's own request, unchanged in between (other suites sign in and out of this realm too).
  await expect(async () => {
    const before = await keycloakClientSessionStats();
    const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/realms/demo/clients/stats'), page.reload()]);
    const after = await keycloakClientSessionStats();
    const read = ((await response.json()) as { clients: Array<{ clientId: string; active: number; offline: number }> }).clients;
    await openChart(page);
    const shown = await barCounts(page);
    expect(shown).toEqual(Object.fromEntries(read.filter((c) => c.active + c.offline > 0).map((c) => [c.clientId, { active: c.active, offline: c.offline }])));
    expect(after).toEqual(before);
    expect(shown).toEqual(Object.fromEntries(Object.entries(after).filter(([, counts]) => counts.active + counts.offline > 0)));
  }).toPass({ timeout: 90_000 });
  expect(Object.keys(await barCounts(page))).toEqual(expect.arrayContaining(['demo-crm', 'demo-mail']));

  // The bars line up: one track for every client (same start and width), evenly spaced rows, each a comfortable target.
  const bars = page.getByTestId('client-bar');
  const tracks = await bars.locator('svg').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((box) => ({ x: box.x, width: box.width })));
  expect(tracks.length).toBeGreaterThan(1);
  for (const track of tracks) expect(track).toEqual(tracks[0]);
  const rows = await bars.evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect()).map((box) => ({ top: box.top, bottom: box.bottom, height: box.height })));
  for (const box of rows) expect(box.height).toBeGreaterThanOrEqual(24);
  const gaps = rows.slice(1).map((box, index) => Math.round(box.top - (rows[index]?.bottom ?? 0)));
  for (const gap of gaps) expect(gap).toBe(gaps[0]);
  expect(gaps[0]).toBeGreaterThanOrEqual(4);

  // A bar filters the list to its client; clicking it again shows every client.
  const crmBar = page.locator('[data-testid="client-bar"][data-client="demo-crm"]');
  await crmBar.click();
  await expect(crmBar).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]client=demo-crm(&|$)/);
  await expect(row(crm)).toBeVisible();
  await expect(row(mail)).toHaveCount(0);
  for (const clients of await page.getByTestId('session-row').allTextContents()) expect(clients).toContain('demo-crm');
  await crmBar.click();
  await expect(crmBar).toHaveAttribute('aria-pressed', 'false');
  await expect(page).not.toHaveURL(/[?&]client=/);
  await expect(row(mail)).toBeVisible();
});
