import { auditActions } from '@session-desk/contracts/rules';
import { useId } from 'react';
import { ClearFiltersButton, DateRangeFields, SelectField } from '@/components/ui/filter-fields';
import { CloseIcon } from '@/components/ui/icons';
import { SearchInput } from '@/components/ui/search-input';
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

/** An option's label from a table of them; the value itself for one the table lacks. */
const labelFrom = (labels: Readonly<Record<string, string>>) => (value: string) => labels[value] ?? value;

/** Operator, target user, realm, action, outcome and dates of the Audit page; all in the URL. */
export function AuditFilters({ filter, onChange, onClear, realms, showOperator, rangeProblem }: AuditFiltersProps) {
  const id = useId();
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
        <SelectField label="Realm" className="font-mono" value={filter.realm} options={realms} allLabel="All realms" onChange={(realm) => onChange({ realm })} />
        <SelectField label="Action" value={filter.action} options={auditActions} allLabel="All actions" optionLabel={labelFrom(auditActionLabels)} onChange={(action) => onChange({ action })} />
        <SelectField label="Outcome" value={filter.outcome} options={filterableOutcomes} allLabel="All outcomes" optionLabel={labelFrom(auditOutcomeLabels)} onChange={(outcome) => onChange({ outcome })} />
        <DateRangeFields
          from={filter.from}
          to={filter.to}
          onFromChange={onDate('from')}
          onToChange={onDate('to')}
          invalid={rangeProblem !== undefined}
          describedBy={rangeProblem ? `${id}-range` : `${id}-tz`}
        />
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
                <CloseIcon className="size-3.5" />
              </button>
            </span>
          ) : null}
          <ClearFiltersButton active={hasAny} onClear={onClear} />
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
