import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { SearchInput } from '@/components/ui/search-input';
import { fieldLabelClass, Select } from '@/components/ui/select';
import { TextInput } from '@/components/ui/text-input';
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

/** A select over known values that keeps an unknown value from a pasted link selectable. */
function ConstantSelect({
  label,
  value,
  options,
  allLabel,
  optionLabel = humanizeConstant,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  allLabel: string;
  optionLabel?: (value: string) => string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <div>
      <label htmlFor={id} className={fieldLabelClass}>
        {label}
      </label>
      <Select id={id} className="mt-1" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {all.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </Select>
    </div>
  );
}

function DateRange({ view, onChange }: Pick<EventsFiltersProps, 'view' | 'onChange'>) {
  const id = useId();
  return (
    <>
      <div>
        <label htmlFor={`${id}-from`} className={fieldLabelClass}>
          From
        </label>
        <TextInput
          id={`${id}-from`}
          type="date"
          className="mt-1"
          value={view.from}
          max={view.to || undefined}
          onChange={(event) => onChange({ from: event.target.value })}
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
          value={view.to}
          min={view.from || undefined}
          onChange={(event) => onChange({ to: event.target.value })}
        />
      </div>
    </>
  );
}

function ClearButton({ view, onClear }: Pick<EventsFiltersProps, 'view' | 'onClear'>) {
  return (
    <div className="flex items-center justify-between gap-3">
      <p className="text-xs text-slate-500" data-testid="events-time-zone">
        Days and times are in your time zone, {browserTimeZone()}.
      </p>
      {hasActiveEventFilters(view) ? (
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** Type, user id, client, IP address and dates of the login events tab. */
export function LoginEventsFilters({ view, onChange, onClear }: EventsFiltersProps) {
  return (
    <div className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <ConstantSelect label="Event type" value={view.type} options={loginEventTypes} allLabel="All types" onChange={(type) => onChange({ type })} />
        <SearchInput label="User id" placeholder="Keycloak user id" value={view.user} onValueChange={(user) => onChange({ user: user.trim() }, { replace: true })} />
        <SearchInput label="Client" placeholder="e.g. demo-portal" value={view.client} onValueChange={(client) => onChange({ client: client.trim() }, { replace: true })} />
        <SearchInput label="IP address" placeholder="e.g. 10.0.0.7" value={view.ip} onValueChange={(ip) => onChange({ ip: ip.trim() }, { replace: true })} />
        <DateRange view={view} onChange={onChange} />
      </div>
      <ClearButton view={view} onClear={onClear} />
    </div>
  );
}

/** Operation, resource type and dates of the admin events tab. */
export function AdminEventsFilters({ view, onChange, onClear }: EventsFiltersProps) {
  return (
    <div className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <ConstantSelect
          label="Operation"
          value={view.operation}
          options={adminOperations}
          allLabel="All operations"
          optionLabel={(value) => operationLabels[value as keyof typeof operationLabels] ?? value}
          onChange={(operation) => onChange({ operation })}
        />
        <ConstantSelect
          label="Resource type"
          value={view.resourceType}
          options={adminResourceTypes}
          allLabel="All resource types"
          onChange={(resourceType) => onChange({ resourceType })}
        />
        <DateRange view={view} onChange={onChange} />
      </div>
      <ClearButton view={view} onClear={onClear} />
    </div>
  );
}
