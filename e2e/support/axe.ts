import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    axe?: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule axe-core found broken, and where (its CSS selectors). */
export interface AxeViolation {
  rule: string;
  targets: string[];
}

/**
 * axe-core's rules of `tags` (e.g. `wcag2aa`, `best-practice`) on the page as it is now: axe is
 * injected once per document (a resize or a dialog keeps it), and only violations are collected.
 *
 * Not `@axe-core/playwright`: its `analyze()` injects axe into every frame on each call and finishes
 * in a new blank page, 5× slower here (21 s against 4 s on the Sessions page, two shared cores) for
 * a pass that runs about seventy times. The console has no frames, so nothing is lost.
 */
export async function axeViolations(page: Page, tags: readonly string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axeSource);
  return page.evaluate(async (values) => {
    if (!window.axe) throw new Error('axe-core did not load');
    const { violations } = await window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return violations.map((violation) => ({ rule: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  }, [...tags]);
}
