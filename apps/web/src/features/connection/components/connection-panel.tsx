import type { ConnectionCheck, ConnectionCheckStatus, ConnectionResponse } from '@session-desk/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { RelativeTime } from '@/components/ui/relative-time';
import { checkLabel, groupChecks, problemTitle, statusWords } from '../lib/connection-view';

const tones: Record<ConnectionCheckStatus, BadgeTone> = { ok: 'success', warn: 'warning', fail: 'danger', skip: 'neutral' };

/** The connection report: a verdict, then each group of checks with what was found and what to do. */
export function ConnectionPanel({ report }: { report: ConnectionResponse }) {
  const problems = report.checks.filter((check) => check.status === 'fail');
  return (
    <div className="space-y-6" data-testid="connection-report">
      <Notice
        tone={report.ok ? 'info' : 'warning'}
        title={report.ok ? 'Everything the console needs is in place' : `${problems.length} problem${problems.length === 1 ? '' : 's'} found`}
        data-testid="connection-verdict"
      >
        <p>
          {report.keycloakVersion ? `Keycloak ${report.keycloakVersion}. ` : 'Keycloak version unknown. '}
          Checked <RelativeTime iso={report.checkedAt} /> in {(report.durationMs / 1000).toFixed(1)} s, with the console’s own configuration:
          the same checks as <code className="font-mono">npm run doctor</code>.
          {report.ok ? null : ' Until the problems are fixed, parts of the console do not work.'}
        </p>
        {problems.length > 0 ? (
          <ul className="mt-2 list-disc pl-5">
            {problems.map((check) => (
              <li key={`${check.id}@${check.realm ?? ''}`}>{problemTitle(check)}</li>
            ))}
          </ul>
        ) : null}
      </Notice>
      {groupChecks(report).map((group) => (
        <Card key={group.key} aria-labelledby={`connection-${group.key}`} data-testid="connection-group">
          <CardHeader id={`connection-${group.key}`} title={group.title} description={group.description} />
          <ul className="divide-y divide-slate-200">
            {group.checks.map((check) => (
              <CheckRow key={`${check.id}@${check.realm ?? ''}`} check={check} />
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}

function CheckRow({ check }: { check: ConnectionCheck }) {
  return (
    <li className="flex flex-col gap-1 px-5 py-3 sm:flex-row sm:gap-4" data-testid="connection-check" data-check={check.id} data-status={check.status}>
      <div className="flex shrink-0 items-start justify-between gap-3 sm:w-72">
        <span className="text-sm font-medium text-slate-900">{checkLabel(check.id)}</span>
        <Badge tone={tones[check.status]}>{statusWords[check.status]}</Badge>
      </div>
      <p className="min-w-0 text-sm wrap-anywhere text-slate-700">{check.message}</p>
    </li>
  );
}
