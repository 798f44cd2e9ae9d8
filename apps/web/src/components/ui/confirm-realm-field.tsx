import { useId, type Ref } from 'react';
import { fieldLabelClass } from './select';
import { TextInput } from './text-input';

export interface ConfirmRealmFieldProps {
  realm: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/** "Type the realm name to confirm": what every action on a whole realm asks before it can run. */
export function ConfirmRealmField({ realm, value, onChange, disabled, ref }: ConfirmRealmFieldProps) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={fieldLabelClass}>
        Type the realm name to confirm
      </label>
      <TextInput
        ref={ref}
        id={id}
        className="mt-1 font-mono"
        value={value}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        Type <span className="font-mono font-semibold text-slate-700">{realm}</span> exactly (case matters).
      </p>
    </div>
  );
}
