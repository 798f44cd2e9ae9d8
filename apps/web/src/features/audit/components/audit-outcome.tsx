import type { AuditOutcome as Outcome } from '@session-desk/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { auditOutcomeLabels, unknownOutcomeExplanation } from '../lib/describe-audit';

const tones: Record<Outcome, BadgeTone> = {
  succeeded: 'success',
  failed: 'danger',
  refused: 'warning',
  unknown: 'neutral',
  attempted: 'neutral',
};

/**
 * The outcome badge: succeeded green, failed red (what failed can be expanded), refused amber
 * (with the why, always visible: it is policy, not an accident), unknown grey (explained on hover).
 */
export function AuditOutcome({ outcome, error }: { outcome: Outcome; error: string | null }) {
  const label = auditOutcomeLabels[outcome];
  if (outcome === 'failed') {
    return (
      <div className="max-w-64 space-y-1">
        <Badge tone={tones[outcome]} title={error ?? undefined}>
          {label}
        </Badge>
        {error ? (
          <details className="text-xs text-red-800">
            <summary className="cursor-pointer text-red-700 hover:underline">What failed</summary>
            <p className="mt-1 wrap-anywhere">{error}</p>
          </details>
        ) : null}
      </div>
    );
  }
  if (outcome === 'refused') {
    return (
      <div className="max-w-64 space-y-1">
        <Badge tone={tones[outcome]}>{label}</Badge>
        {error ? <p className="text-xs wrap-anywhere text-amber-900">{error}</p> : null}
      </div>
    );
  }
  if (outcome === 'unknown' || outcome === 'attempted') {
    return (
      <Badge tone={tones[outcome]} title={unknownOutcomeExplanation}>
        {label}
        <span className="sr-only">: {unknownOutcomeExplanation}</span>
      </Badge>
    );
  }
  return <Badge tone={tones[outcome]}>{label}</Badge>;
}
