import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { fieldLabelClass, Select } from '@/components/ui/select';
import { TextInput } from '@/components/ui/text-input';

export interface SelectFieldProps<T extends string> {
  label: string;
  value: string;
  options: readonly T[];
  /** The first option, value '' ("All realms"). */
  allLabel: string;
  /** How an option reads; the value itself unless given. */
  optionLabel?: (value: string) => string;
  /** The chosen option, or '' for "All …" (or for a value no longer offered). */
  onChange: (value: T | '') => void;
  /** Extra classes for the select. */
  className?: string | undefined;
}

/** A labelled filter select over known values that keeps an unknown value from a pasted link selectable. */
export function SelectField<T extends string>({ label, value, options, allLabel, optionLabel = (option) => option, onChange, className }: SelectFieldProps<T>) {
  const id = useId();
  const all: readonly string[] = value && !options.some((option) => option === value) ? [value, ...options] : options;
  return (
    <div>
      <label htmlFor={id} className={fieldLabelClass}>
        {label}
      </label>
      <Select id={id} className={className ? `mt-1 ${className}` : 'mt-1'} value={value} onChange={(event) => onChange(options.find((option) => option === event.target.value) ?? '')}>
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

export interface DateRangeFieldsProps {
  /** Calendar days, `YYYY-MM-DD` or ''. */
  from: string;
  to: string;
  onFromChange: (day: string) => void;
  onToChange: (day: string) => void;
  /** Marks both inputs invalid (the range is the wrong way round). */
  invalid?: boolean | undefined;
  /** Id of the text that describes both inputs. */
  describedBy?: string | undefined;
}

/** "From" and "To" day inputs, each bounding the other; two grid cells. */
export function DateRangeFields({ from, to, onFromChange, onToChange, invalid, describedBy }: DateRangeFieldsProps) {
  const id = useId();
  const day = (key: 'from' | 'to', label: string) => (
    <div>
      <label htmlFor={`${id}-${key}`} className={fieldLabelClass}>
        {label}
      </label>
      <TextInput
        id={`${id}-${key}`}
        type="date"
        className="mt-1"
        value={key === 'from' ? from : to}
        max={key === 'from' ? to || undefined : undefined}
        min={key === 'to' ? from || undefined : undefined}
        invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => (key === 'from' ? onFromChange : onToChange)(event.target.value)}
      />
    </div>
  );
  return (
    <>
      {day('from', 'From')}
      {day('to', 'To')}
    </>
  );
}

/** "Clear filters", shown only while `active` (some filter is set). */
export function ClearFiltersButton({ active, onClear }: { active: boolean; onClear: () => void }) {
  return active ? (
    <Button variant="ghost" size="sm" onClick={onClear}>
      Clear filters
    </Button>
  ) : null;
}
