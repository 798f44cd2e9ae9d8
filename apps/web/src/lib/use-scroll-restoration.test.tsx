import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useScrollRestoration } from './use-scroll-restoration';

function Probe({ pathname, search }: { pathname: string; search: string }) {
  useScrollRestoration(pathname, search);
  return null;
}

const scrolledTo = vi.fn<(x: number, y: number) => void>();

function scrollWindowTo(y: number) {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  window.dispatchEvent(new Event('scroll'));
}

describe('useScrollRestoration', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    scrolledTo.mockClear();
    vi.spyOn(window, 'scrollTo').mockImplementation(scrolledTo as unknown as typeof window.scrollTo);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
  });

  it("opens a new page at the top, leaves the scroll alone when only the query changes, and hands the browser's own restoration back when it stops", () => {
    window.history.scrollRestoration = 'auto';
    const { rerender, unmount } = render(<Probe pathname="/realms/demo/sessions" search="" />);
    expect(window.history.scrollRestoration).toBe('manual');
    scrolledTo.mockClear();

    rerender(<Probe pathname="/realms/demo/sessions" search="?q=alice" />);
    expect(scrolledTo).not.toHaveBeenCalled();

    rerender(<Probe pathname="/realms/demo/users/u-1" search="" />);
    expect(scrolledTo).toHaveBeenCalledWith(0, 0);

    unmount();
    expect(window.history.scrollRestoration).toBe('auto');
  });

  it('keeps where the window rested in the history entry, beside what the router keeps there, and returns to it on Back', () => {
    window.history.replaceState({ fromRouter: 'kept' }, '', '/realms/demo/sessions');
    const { rerender } = render(<Probe pathname="/realms/demo/sessions" search="" />);
    scrollWindowTo(900);
    scrollWindowTo(1_200);
    act(() => vi.advanceTimersByTime(200));
    expect(window.history.state).toEqual({ fromRouter: 'kept', scrollY: 1_200 });

    // A link to a user: a new entry (no position of its own), opened at the top.
    window.history.pushState(null, '', '/realms/demo/users/u-1');
    rerender(<Probe pathname="/realms/demo/users/u-1" search="" />);
    expect(scrolledTo).toHaveBeenLastCalledWith(0, 0);

    // Back: the browser has made the earlier entry, with its position, current again.
    window.history.replaceState({ fromRouter: 'kept', scrollY: 1_200 }, '', '/realms/demo/sessions');
    rerender(<Probe pathname="/realms/demo/sessions" search="" />);
    expect(scrolledTo).toHaveBeenLastCalledWith(0, 1_200);
  });

  it('saves at once on a click, the moment before a link adds an entry, and drops a save still pending once the entry has changed', () => {
    window.history.replaceState(null, '', '/a');
    const { rerender } = render(<Probe pathname="/a" search="" />);
    scrollWindowTo(700);
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(window.history.state).toEqual({ scrollY: 700 });

    scrollWindowTo(750);
    window.history.pushState(null, '', '/b');
    rerender(<Probe pathname="/b" search="" />);
    act(() => vi.advanceTimersByTime(200));
    // The new entry got no position of the old one.
    expect(window.history.state).toBeNull();
    expect(scrolledTo).toHaveBeenLastCalledWith(0, 0);
  });
});
