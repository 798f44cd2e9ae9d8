import type { Locator, Page } from '@playwright/test';

/** A row of the Sessions table by its Keycloak session id. */
export const sessionRow = (page: Page, id: string): Locator => page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);

/** The element's box in CSS pixels of the page; throws when it is not visible. */
export async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not visible');
  return found;
}
