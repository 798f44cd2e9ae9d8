import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

/** One range of V8's block coverage: character offsets into the script and how often it ran (CDP `Profiler.CoverageRange`). */
export interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}

/**
 * The characters of `source` that ran, in order: each character takes the count of the innermost
 * range around it, and characters outside every range belong to the script's top level, which ran.
 * V8's ranges nest (a function's first range is the whole function, later ones its blocks), so painting
 * them outer first leaves every character its innermost count.
 * @param functions `Profiler.FunctionCoverage` entries of one script, from `page.coverage.stopJSCoverage()`.
 */
export function executedText(source: string, functions: ReadonlyArray<{ ranges: readonly CoverageRange[] }>): string {
  const counts = new Int32Array(source.length).fill(1);
  const ranges = functions.flatMap((fn) => fn.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const range of ranges) counts.fill(range.count, range.startOffset, range.endOffset);
  let text = '';
  let runStart = -1;
  for (let i = 0; i <= source.length; i += 1) {
    const ran = i < source.length && (counts[i] ?? 0) > 0;
    if (ran && runStart < 0) runStart = i;
    if (!ran && runStart >= 0) {
      text += source.slice(runStart, i);
      runStart = -1;
    }
  }
  return text;
}

/** The text of the CSS rules a page used, in order (`page.coverage.stopCSSCoverage()` ranges: character offsets). */
export function usedCssText(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  return ranges.map((range) => text.slice(range.start, range.end)).join('');
}

export interface FirstPaintFloor {
  /** The page measured (URL). */
  page: string;
  /** gzip bytes (node:zlib, default level) of the library files, counted whole: a library's code that did not run cannot be left out (react-dom is one module). */
  libraryGzipBytes: number;
  /** gzip bytes of the rest of the JavaScript, all of it, each file alone (as `measurePage` counts). */
  oursGzipBytes: number;
  /** gzip bytes of only the code of ours that ran while the page was drawn, joined into one file (no chunk boundaries). */
  oursExecutedGzipBytes: number;
  /** gzip bytes of the stylesheets, whole, and of only the rules the page used, joined. */
  cssGzipBytes: number;
  cssUsedGzipBytes: number;
  /** libraryGzipBytes + oursExecutedGzipBytes + cssUsedGzipBytes: the least this page can weigh on this stack without drawing less. */
  floorGzipBytes: number;
  files: Array<{ url: string; library: boolean; gzipBytes: number; usedGzipBytes: number; usedShare: number }>;
}

export interface FirstPaintOptions {
  baseUrl: string;
  /** The page to open, e.g. `/realms/bench/sessions`. */
  path: string;
  /** The signed-in operator's console cookies. */
  cookies: Array<[name: string, value: string]>;
  /** A selector that is on screen once the page has drawn its data (e.g. a table row). */
  drawn: string;
  /** Whether a script is one of the stack's libraries (counted whole). */
  isLibrary: (url: string) => boolean;
  /** Chromium's binary (the one the browser tests use). */
  executablePath: string;
}

/**
 * The least the page's first load can weigh with its libraries and what it draws: opens the page in
 * Chromium with V8 block coverage and CSS rule coverage, waits until `drawn` is visible and the network is
 * idle, then counts the libraries whole, and of our scripts and styles only what ran or matched, each
 * joined into one file as if there were no chunks. A first load above 100 KiB with this floor above it too
 * cannot reach 100 by splitting or lazy loading alone. Only `/assets/` files are counted (the SPA's build).
 * @throws Error when the page does not draw `drawn` within 60 s.
 */
export async function measureFirstPaintFloor(options: FirstPaintOptions): Promise<FirstPaintFloor> {
  const browser = await chromium.launch({ executablePath: options.executablePath });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(options.cookies.map(([name, value]) => ({ name, value, url: options.baseUrl })));
    const page = await context.newPage();
    await page.coverage.startJSCoverage({ resetOnNavigation: false });
    await page.coverage.startCSSCoverage({ resetOnNavigation: false });
    const url = new URL(options.path, options.baseUrl).href;
    await page.goto(url);
    await page.locator(options.drawn).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const scripts = await page.coverage.stopJSCoverage();
    const styles = await page.coverage.stopCSSCoverage();

    const files: FirstPaintFloor['files'] = [];
    let libraryGzipBytes = 0;
    let oursGzipBytes = 0;
    let cssGzipBytes = 0;
    let oursExecuted = '';
    let cssUsed = '';
    for (const script of scripts) {
      if (!script.url.includes('/assets/') || script.source === undefined) continue;
      const library = options.isLibrary(script.url);
      const gzipBytes = gzipSync(script.source).length;
      const ran = executedText(script.source, script.functions);
      const usedGzipBytes = library ? gzipBytes : gzipSync(ran).length;
      if (library) libraryGzipBytes += gzipBytes;
      else {
        oursGzipBytes += gzipBytes;
        oursExecuted += `${ran}\n`;
      }
      files.push({ url: script.url, library, gzipBytes, usedGzipBytes, usedShare: round2(ran.length / script.source.length) });
    }
    for (const style of styles) {
      if (!style.url.includes('/assets/') || style.text === undefined) continue;
      const used = usedCssText(style.text, style.ranges);
      const gzipBytes = gzipSync(style.text).length;
      cssGzipBytes += gzipBytes;
      cssUsed += used;
      files.push({ url: style.url, library: false, gzipBytes, usedGzipBytes: gzipSync(used).length, usedShare: round2(used.length / style.text.length) });
    }
    const oursExecutedGzipBytes = oursExecuted ? gzipSync(oursExecuted).length : 0;
    const cssUsedGzipBytes = cssUsed ? gzipSync(cssUsed).length : 0;
    return {
      page: url,
      libraryGzipBytes,
      oursGzipBytes,
      oursExecutedGzipBytes,
      cssGzipBytes,
      cssUsedGzipBytes,
      floorGzipBytes: libraryGzipBytes + oursExecutedGzipBytes + cssUsedGzipBytes,
      files,
    };
  } finally {
    await browser.close();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
