import { clientErrorCodes, isApiClientError } from '@/lib/api-client';
import { cn } from '@/lib/cn';
import { describeError } from '@/lib/describe-error';

/**
 * BFF answers whose message is written for the operator (a policy refusal, a validation problem,
 * and an action Keycloak did not answer in time: whether it happened is not known, which only the
 * answer to that action can say).
 */
function hasHumanMessage(error: unknown): boolean {
  if (!isApiClientError(error)) return false;
  if (Object.values(clientErrorCodes).includes(error.code as never)) return false;
  return (error.status >= 400 && error.status < 500) || error.code === 'keycloak_timeout';
}

/**
 * Why an action failed, inline (in a dialog): plain words first, the server's own explanation when
 * it has one for people (e.g. "Help desk may not act on Session Desk administrators"), and the
 * reference for support.
 */
export function ActionError({ error, className }: { error: unknown; className?: string }) {
  const described = describeError(error);
  const apiError = isApiClientError(error) ? error : undefined;
  const humanMessage = hasHumanMessage(error) ? apiError?.message : undefined;
  return (
    <div role="alert" className={cn('rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900', className)}>
      <p className="font-semibold">{described.title}</p>
      <p className="mt-1">{humanMessage ?? described.description}</p>
      {apiError && !humanMessage ? <p className="mt-1 text-xs wrap-anywhere text-red-800">Details: {apiError.message}</p> : null}
      {apiError?.requestId ? (
        <p className="mt-1 text-xs text-red-800">
          Reference: <span className="font-mono select-all">{apiError.requestId}</span>
        </p>
      ) : null}
    </div>
  );
}
