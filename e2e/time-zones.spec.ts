import { expect, test, type Request } from '@playwright/test';
import { signIn } from './support/keycloak.ts';

/** "YYYY-MM-DD" of now in a time zone. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The zone's UTC offset today, "+09:00" / "-08:00". */
function offsetIn(timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value ?? '';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** The zone's short name as an en-US browser shows it: "GMT+9", "PST". */
const shortNameIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value ?? '';

/*
 * The same operator action in two browser time zones: "today" on the events page must be the
 * operator's today (from local midnight to the end of the local day, sent as instants), so the
 * sign-in just made is found in both; times are shown in the operator's zone, with the zone named.
 */
for (const timeZone of ['Asia/Tokyo', 'America/Los_Angeles']) {
  test.describe(`an operator in ${timeZone}`, () => {
    test.use({ timezoneId: timeZone, locale: 'en-US' });

    test('filters Keycloak events by their own day and sees times in their own zone', async ({ page }) => {
      await signIn(page, 'desk-auditor', 'desk-auditor', '/realms/demo/events?type=LOGIN');
      await expect(page.getByTestId('login-events-table')).toBeVisible();
      await expect(page.getByTestId('events-time-zone')).toContainText(timeZone);

      const today = todayIn(timeZone);
      const sent: Request[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/realms/demo/events') sent.push(request);
      });
      await page.getByLabel('From').fill(today);
      await page.getByLabel('To').fill(today);

      await expect.poll(() => sent.map((request) => new URL(request.url()).searchParams.get('to')).filter(Boolean).length).toBeGreaterThan(0);
      const last = new URL(sent.at(-1)!.url()).searchParams;
      expect(last.get('from')).toBe(`${today}T00:00:00.000${offsetIn(timeZone)}`);
      expect(last.get('to')).toBe(`${today}T23:59:59.999${offsetIn(timeZone)}`);

      // The sign-in a moment ago happened "today" wherever the operator is, so it is listed.
      const row = page.getByTestId('login-event-row').filter({ hasText: 'desk-auditor' }).first();
      await expect(row).toBeVisible();
      const title = await row.locator('time').first().getAttribute('title');
      expect(title).toContain(shortNameIn(timeZone));
    });
  });
}
