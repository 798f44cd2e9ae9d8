import { auditActions } from '@session-desk/contracts';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { SearchInput } from '@/components/ui/search-input';
import { fieldLabelClass, Select } from '@/components/ui/select';
import { TextInput } from '@/components/ui/text-input';
import { isCalendarDay, type AuditFilter } from '../lib/audit-filter';
import { auditActionLabels, auditOutcomeLabels, filterableOutcomes, shortId } from '../lib/describe-audit';
import { browserTimeZone } from '@/lib/local-day';

export interface AuditFiltersProps {
  filter: AuditFilter;
  onChange: (patch: Partial<AuditFilter>, options?: { replace?: boolean }) => void;
  onClear: () => void;
  /** Realm names to choose from (the filter's own realm stays selectable even if not listed). */
  realms: readonly string[];
  /** Help-desk see only their own entries: no operator filter for them. */
  showOperator: boolean;
  /** "From" or "To" the wrong way round. */
  rangeProblem?: string | undefined;
}

/** Operator, target user, realm, action, outcome and dates of the Audit page; all in the URL. */
export function AuditFilters({ filter, onChange, onClear, realms, showOperator, rangeProblem }: AuditFiltersProps) {
  const id = useId();
  const realmOptions = filter.realm && !realms.includes(filter.realm) ? [filter.realm, ...realms] : realms;
  const hasAny = Object.values(filter).some((value) => value !== '');
  const onDate = (key: 'from' | 'to') => (value: string) => {
    if (value === '' || isCalendarDay(value)) onChange({ [key]: value });
  };

  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {showOperator ? (
          <SearchInput
            label="Operator"
            placeholder="Part of a username, or an id"
            value={filter.operator}
            onValueChange={(operator) => onChange({ operator: operator.trim() }, { replace: true })}
          />
        ) : null}
        <SearchInput
          label="Target user"
          placeholder="Part of a username, or an id"
          value={filter.user}
          onValueChange={(user) => onChange({ user: user.trim() }, { replace: true })}
        />
        <div>
          <label htmlFor={`${id}-realm`} className={fieldLabelClass}>
            Realm
          </label>
          <Select id={`${id}-realm`} className="mt-1 font-mono" value={filter.realm} onChange={(event) => onChange({ realm: event.target.value })}>
            <option value="">All realms</option>
            {realmOptions.map((realm) => (
              <option key={realm} value={realm}>
                {realm}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-action`} className={fieldLabelClass}>
            Action
          </label>
          <Select
            id={`${id}-action`}
            className="mt-1"
            value={filter.action}
            onChange={(event) => onChange({ action: auditActions.find((action) => action === event.target.value) ?? '' })}
          >
            <option value="">All actions</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {auditActionLabels[action]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-outcome`} className={fieldLabelClass}>
            Outcome
          </label>
          <Select
            id={`${id}-outcome`}
            className="mt-1"
            value={filter.outcome}
            onChange={(event) => onChange({ outcome: filterableOutcomes.find((outcome) => outcome === event.target.value) ?? '' })}
          >
            <option value="">All outcomes</option>
            {filterableOutcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {auditOutcomeLabels[outcome]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-from`} className={fieldLabelClass}>
            From
          </label>
          <TextInput
            id={`${id}-from`}
            type="date"
            className="mt-1"
            value={filter.from}
            max={filter.to || undefined}
            invalid={rangeProblem !== undefined}
            aria-describedby={rangeProblem ? `${id}-range` : `${id}-tz`}
            onChange={(event) => onDate('from')(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className={fieldLabelClass}>
            To
          </label>
          <TextInput
            id={`${id}-to`}
            type="date"
            className="mt-1"
            value={filter.to}
            min={filter.from || undefined}
            invalid={rangeProblem !== undefined}
            aria-describedby={rangeProblem ? `${id}-range` : `${id}-tz`}
            onChange={(event) => onDate('to')(event.target.value)}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <p id={`${id}-tz`}>
          Names match any part of a username (ids match whole); end with * to match the beginning. Dates are whole days
          in your time zone, {browserTimeZone()}, both included.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {filter.jobId ? (
            <span className="inline-flex items-center gap-1 rounded-full bg-accent-50 py-0.5 pr-1 pl-2.5 text-xs font-medium text-accent-800 ring-1 ring-accent-200 ring-inset">
              Bulk job <span className="font-mono" title={filter.jobId}>{shortId(filter.jobId)}</span>
              <button
                type="button"
                aria-label="Show all bulk jobs again"
                onClick={() => onChange({ jobId: '' })}
                className="rounded-full p-0.5 hover:bg-accent-100 focus-visible:outline-2 focus-visible:outline-accent-600"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-3.5">
                  <path d="M5.5 5.5l9 9m0-9l-9 9" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
                </svg>
              </button>
            </span>
          ) : null}
          {hasAny ? (
            <Button variant="ghost" size="sm" onClick={onClear}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
      {rangeProblem ? (
        <p id={`${id}-range`} role="alert" className="text-sm text-red-700">
          {rangeProblem}
        </p>
      ) : null}
    </div>
  );
}
