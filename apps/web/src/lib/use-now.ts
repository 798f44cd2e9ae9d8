import { useSyncExternalStore } from 'react';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  subscribe: (listener: () => void) => () => void;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const clock: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: undefined,
    subscribe(listener) {
      if (clock.listeners.size === 0) {
        clock.now = Date.now();
        clock.timer = setInterval(() => {
          clock.now = Date.now();
          for (const notify of clock.listeners) notify();
        }, intervalMs);
      }
      clock.listeners.add(listener);
      return () => {
        clock.listeners.delete(listener);
        if (clock.listeners.size === 0 && clock.timer !== undefined) {
          clearInterval(clock.timer);
          clock.timer = undefined;
        }
      };
    },
  };
  clocks.set(intervalMs, clock);
  return clock;
}

/**
 * The current time (ms), re-rendering every `intervalMs`. All components asking for the same
 * interval share one timer, so a table full of "3 min. ago" cells costs one interval.
 */
export function useNow(intervalMs = 5_000): number {
  const clock = clockFor(intervalMs);
  return useSyncExternalStore(clock.subscribe, () => clock.now);
}
