import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, useToast } from './toast';

function ShowButton() {
  const toast = useToast();
  return (
    <button type="button" onClick={() => toast.show({ title: "Ended alice.martin's session" })}>
      Show
    </button>
  );
}

function renderToasts() {
  render(
    <ToastProvider>
      <ShowButton />
    </ToastProvider>,
  );
}

describe('toasts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces politely and dismisses itself after about 6 seconds', () => {
    renderToasts();

    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    const toast = screen.getByRole('status');
    expect(toast.textContent).toContain("Ended alice.martin's session");
    expect(toast.getAttribute('aria-live')).toBe('polite');

    act(() => vi.advanceTimersByTime(5_900));
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('can be closed, and waits while hovered', () => {
    renderToasts();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));

    fireEvent.mouseEnter(screen.getByRole('status'));
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByRole('status')).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
