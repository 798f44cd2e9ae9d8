import type { ReactNode } from 'react';
import { ClearFiltersButton, DateRangeFields, SelectField } from '@/components/ui/filter-fields';
import { SearchInput } from '@/components/ui/search-input';
import { browserTimeZone } from '@/lib/local-day';
import {
  adminOperations,
  adminResourceTypes,
  hasActiveEventFilters,
  humanizeConstant,
  loginEventTypes,
  operationLabels,
  type EventsView,
} from '../lib/events-view';

export interface EventsFiltersProps {
  view: EventsView;
  onChange: (patch: Partial<EventsView>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

const operationLabel = (value: string) => operationLabels[value as keyof typeof operationLabels] ?? value;

/** The frame of both tabs' filters: `children` then the dates in a grid of `columns`, the time zone and "Clear filters" below. */
function FiltersFrame({ view, onChange, onClear, columns, children }: EventsFiltersProps & { columns: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <div className={`grid gap-3 ${columns}`}>
        {children}
        <DateRangeFields from={view.from} to={view.to} onFromChange={(from) => onChange({ from })} onToChange={(to) => onChange({ to })} />
      </div>
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500" data-testid="events-time-zone">
          Days and times are in your time zone, {browserTimeZone()}.
        </p>
        <ClearFiltersButton active={hasActiveEventFilters(view)} onClear={onClear} />
      </div>
    </div>
  );
}

/** The filters of the tab in view: type, user id, client, IP address and dates of login events; operation, resource type and dates of admin events. */
export function EventsFilters(props: EventsFiltersProps) {
  const { view, onChange } = props;
  return view.tab === 'login' ? (
    <FiltersFrame {...props} columns="sm:grid-cols-3 lg:grid-cols-6">
      <SelectField label="Event type" value={view.type} options={loginEventTypes} allLabel="All types" optionLabel={humanizeConstant} onChange={(type) => onChange({ type })} />
      <SearchInput label="User" placeholder="Username or user id" value={view.user} onValueChange={(user) => onChange({ user: user.trim() }, { replace: true })} />
      <SearchInput label="Client" placeholder="e.g. demo-portal" value={view.client} onValueChange={(client) => onChange({ client: client.trim() }, { replace: true })} />
      <SearchInput label="IP address" placeholder="e.g. 10.0.0.7" value={view.ip} onValueChange={(ip) => onChange({ ip: ip.trim() }, { replace: true })} />
    </FiltersFrame>
  ) : (
    <FiltersFrame {...props} columns="sm:grid-cols-2 lg:grid-cols-4">
      <SelectField label="Operation" value={view.operation} options={adminOperations} allLabel="All operations" optionLabel={operationLabel} onChange={(operation) => onChange({ operation })} />
      <SelectField label="Resource type" value={view.resourceType} options={adminResourceTypes} allLabel="All resource types" optionLabel={humanizeConstant} onChange={(resourceType) => onChange({ resourceType })} />
    </FiltersFrame>
  );
}
