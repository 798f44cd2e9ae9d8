import type { Logger } from 'pino';
import type { ActionRecorder } from './action-recorder.js';

/** Records actions in the structured log only (an interim recorder until the audit store is wired). */
export function logActionRecorder(logger: Logger): ActionRecorder {
  return {
    async attempt(context, intent) {
      const base = { operatorId: context.operator.id, requestId: context.requestId, ...intent };
      logger.info({ audit: base }, 'action attempted');
      return {
        async succeeded(details) {
          logger.info({ audit: { ...base, details, outcome: 'succeeded' } }, 'action succeeded');
        },
        async failed(error, details) {
          logger.warn({ audit: { ...base, details, outcome: 'failed', error } }, 'action failed');
        },
      };
    },
    async refused(context, intent, why) {
      logger.info({ audit: { operatorId: context.operator.id, requestId: context.requestId, ...intent, outcome: 'refused', why } }, 'action refused');
    },
  };
}
