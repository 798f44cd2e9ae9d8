import type { AuditVerifyResponse } from '@session-desk/contracts';
import { useState } from 'react';
import { ActionError } from '@/components/ui/action-error';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import { useVerifyAudit } from '../api/verify-audit';

/** "Verify chain": recomputes every record's hash on the server and says whether the trail is intact. */
export function VerifyChain() {
  const [requested, setRequested] = useState(false);
  const verify = useVerifyAudit(requested);

  function run() {
    if (!requested) setRequested(true);
    else void verify.refetch();
  }

  return (
    <div className="space-y-3">
      <Button variant="secondary" size="sm" onClick={run} loading={verify.isFetching}>
        Verify chain
      </Button>
      {verify.isFetching ? (
        <p role="status" className="sr-only">
          Checking the audit trail…
        </p>
      ) : null}
      {verify.data && !verify.isFetching ? <VerifyResult result={verify.data} checkedAt={verify.dataUpdatedAt} /> : null}
      {verify.isError && !verify.isFetching ? <ActionError error={verify.error} /> : null}
    </div>
  );
}

/** The answer of GET /api/audit/verify: calm when intact, impossible to miss when a link is broken. */
export function VerifyResult({ result, checkedAt }: { result: AuditVerifyResponse; checkedAt?: number }) {
  const when = checkedAt ? new Date(checkedAt).toLocaleTimeString() : undefined;
  if (result.ok) {
    return (
      <div role="status" data-testid="verify-result" data-ok="true" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        <p className="font-semibold">The audit trail is intact</p>
        <p className="mt-1">
          {result.checked === 0
            ? 'There are no records to check yet.'
            : `All ${formatCount(result.checked, 'record')} link up: none was changed, removed or inserted.`}
          {when ? ` Checked at ${when}.` : ''}
        </p>
        {result.headHash ? (
          <p className="mt-2 text-xs">
            Newest record’s hash (note it down elsewhere to detect a rewritten trail later):{' '}
            <span className="font-mono break-all select-all" data-testid="verify-head-hash">
              {result.headHash}
            </span>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div role="alert" data-testid="verify-result" data-ok="false" className="rounded-md border-2 border-red-500 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="text-base font-semibold">The audit trail is broken</p>
      {result.firstBroken ? (
        <p className="mt-1">
          The first broken link is at record <strong className="font-mono">#{result.firstBroken.seq}</strong>:{' '}
          {result.firstBroken.problem}
        </p>
      ) : null}
      <p className="mt-1">
        {formatCount(result.checked, 'record')} checked. Records from there on cannot be trusted: someone may have changed,
        removed or inserted entries. Keep a copy of the database and tell your security team.
      </p>
    </div>
  );
}
