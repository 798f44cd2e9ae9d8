import { isApiClientError } from '@/lib/api-client';
import { cn } from '@/lib/cn';
import { describeError } from '@/lib/describe-error';
import { Button } from './button';
import { SolidIcon } from '@/components/ui/icons';

export interface ErrorPanelProps {
  error: unknown;
  /** Shows a "Try again" button when the failure is worth retrying. */
  onRetry?: () => void;
  retrying?: boolean;
  /** What failed, from the user's point of view (e.g. "We could not sign you out"); shown above the explanation. */
  context?: string;
  className?: string;
}

/** Explains a failure in plain words, offers a retry and shows the request id for support. */
export function ErrorPanel({ error, onRetry, retrying = false, context, className }: ErrorPanelProps) {
  const described = describeError(error);
  const apiError = isApiClientError(error) ? error : undefined;
  return (
    <div role="alert" className={cn('rounded-lg border border-red-200 bg-white p-5 shadow-sm', className)}>
      <div className="flex gap-3">
        <SolidIcon className="mt-0.5 size-5 shrink-0 text-red-600" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.75-11.5a.75.75 0 0 1 1.5 0v4a.75.75 0 0 1-1.5 0v-4ZM10 14.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
        <div className="min-w-0 flex-1">
          {context ? (
            <>
              <h2 className="text-base font-semibold text-slate-900">{context}</h2>
              <p className="mt-1 text-sm font-medium text-slate-800">{described.title}</p>
            </>
          ) : (
            <h2 className="text-base font-semibold text-slate-900">{described.title}</h2>
          )}
          <p className="mt-1 text-sm text-slate-700">{described.description}</p>
          {onRetry && described.retryable ? (
            <Button variant="secondary" size="sm" className="mt-4" onClick={onRetry} loading={retrying}>
              Try again
            </Button>
          ) : null}
          {apiError ? (
            <p className="mt-4 text-xs wrap-anywhere text-slate-500">
              <span>Details: {apiError.message}</span>
              {apiError.status > 0 ? <span> · HTTP {apiError.status}</span> : null}
              {apiError.requestId ? (
                <span>
                  {' '}
                  · Reference: <span className="font-mono select-all">{apiError.requestId}</span>
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The part of a TanStack query that `QueryErrorPanel` reads. */
export interface RetryableQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/** `ErrorPanel` for a failed query: explains `query.error` and retries by refetching it. */
export function QueryErrorPanel({ query, context, className }: { query: RetryableQuery; context: string; className?: string }) {
  return <ErrorPanel className={className} context={context} error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
}
