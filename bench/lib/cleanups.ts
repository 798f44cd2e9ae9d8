import { errorText } from './http.ts';

export interface CleanupStep {
  what: string;
  run: () => Promise<unknown>;
}

/**
 * What a run started and must undo, even on failure or Ctrl-C: push a step to `cleanups` as each
 * thing starts; `cleanUp()` runs them newest first, once (later calls get the same promise), and a
 * step that fails is logged as `[tag] could not …` without stopping the others. SIGINT and SIGTERM
 * clean up, then exit 130. `stopping()` is true once the clean-up has begun.
 */
export function cleanupOnExit(tag: string): { cleanups: CleanupStep[]; cleanUp: () => Promise<void>; stopping: () => boolean } {
  const cleanups: CleanupStep[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> => {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`[${tag}] could not ${step.what}: ${errorText(error)}`);
        }
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`[${tag}] ${signal}: stopping what the ${tag} started…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  return { cleanups, cleanUp, stopping: () => cleaning !== undefined };
}
