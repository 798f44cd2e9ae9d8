import { describe, expect, it, vi } from 'vitest';
import { paths } from '@/config/paths';
import { preloadMatchedPages, routes, type PageHandle } from './router';

describe('router', () => {
  it('loads every page in the shell lazily (each route has a preload), except the realm redirect', () => {
    const shell = routes[0]?.children ?? [];
    const withoutPreload = shell.filter((route) => typeof (route.handle as Partial<PageHandle> | undefined)?.preload !== 'function');
    expect(withoutPreload.map((route) => route.path)).toEqual([paths.realm.pattern]);
    expect(shell.length).toBeGreaterThan(10);
  });

  it('starts loading the matched pages at once, and a failed load does not escape', async () => {
    const sessions = vi.fn(() => Promise.reject(new Error('chunk missing')));
    const users = vi.fn(() => Promise.resolve());

    preloadMatchedPages({ state: { matches: [{ route: {} }, { route: { handle: { preload: sessions } } }, { route: { handle: { preload: users } } }] } });

    expect(sessions).toHaveBeenCalledTimes(1);
    expect(users).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 0)); // an unhandled rejection would fail the run
  });
});
