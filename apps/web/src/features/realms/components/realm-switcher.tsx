import { useId } from 'react';
import { Select } from '@/components/ui/select';
import { useRealms } from '../api/get-realms';

export interface RealmSwitcherProps {
  /** The realm in the URL. */
  value: string;
  onChange: (realm: string) => void;
}

/** Picks the Keycloak realm the page looks at (the realm lives in the URL path). */
export function RealmSwitcher({ value, onChange }: RealmSwitcherProps) {
  const id = useId();
  const realms = useRealms();
  const names = realms.data?.realms.map((realm) => realm.name) ?? [];
  // The current realm stays selected before the list arrives; once the list is in and does not name it
  // (a typed or stale URL), the option says so rather than passing it off as one of the managed realms.
  const unlisted = realms.data !== undefined && !names.includes(value);
  const options = names.includes(value) ? realms.data?.realms ?? [] : [{ name: value, isDefault: false }, ...(realms.data?.realms ?? [])];

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Realm
      </label>
      <Select
        id={id}
        className="w-auto min-w-40 font-mono"
        value={value}
        disabled={!realms.data || options.length < 2}
        title={realms.isError ? 'The list of realms could not be loaded' : undefined}
        onChange={(event) => {
          if (event.target.value !== value) onChange(event.target.value);
        }}
      >
        {options.map((realm) => (
          <option key={realm.name} value={realm.name}>
            {realm.name}
            {realm.isDefault ? ' (default)' : ''}
            {unlisted && realm.name === value ? ' (not managed here)' : ''}
          </option>
        ))}
      </Select>
    </div>
  );
}
