import { describe, expect, it, vi } from 'vitest';
import { paths } from '@/config/paths';
import { preloadPageOf, shellRoutes, type ShellRoute } from './router';

const Page = () => null;

describe('router', () => {
  it('loads every page in the shell lazily (each route has a preload), except the realm redirect', () => {
    const withoutPreload = shellRoutes.filter((route) => typeof route.preload !== 'function');
    expect(withoutPreload.map((route) => route.path)).toEqual([paths.realm.pattern]);
    expect(shellRoutes.length).toBeGreaterThan(10);
    expect(shellRoutes.at(-1)?.path).toBe('*');
  });

  it('starts loading the page the path shows at once (the first matching route only), and a failed load does not escape', async () => {
    const sessions = vi.fn(() => Promise.reject(new Error('chunk missing')));
    const user = vi.fn(() => Promise.resolve());
    const notFound = vi.fn(() => Promise.resolve());
    const routes: ShellRoute[] = [
      { path: paths.realm.pattern, Page },
      { path: paths.sessions.pattern, Page, preload: sessions },
      { path: paths.user.pattern, Page, preload: user },
      { path: '*', Page, preload: notFound },
    ];

    preloadPageOf('/realms/demo/sessions', routes);
    preloadPageOf('/Realms/a%2Fb/users/f%3Ax/', routes);

    expect(sessions).toHaveBeenCalledTimes(1);
    expect(user).toHaveBeenCalledTimes(1);
    expect(notFound).not.toHaveBeenCalled();
    preloadPageOf('/realms/demo', routes);
    expect(notFound).not.toHaveBeenCalled();
    preloadPageOf('/no/such/page', routes);
    expect(notFound).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 0)); // an unhandled rejection would fail the run
  });

});
