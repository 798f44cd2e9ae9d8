import type { ConcernRuleId, ConcernSettingsResponse } from '@session-desk/contracts';
import { concernRuleIds } from '@session-desk/contracts/rules';
import { useId, useState, type FormEvent } from 'react';
import { ActionError } from '@/components/ui/action-error';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { isValidReason, ReasonField } from '@/components/ui/reason-field';
import { Select } from '@/components/ui/select';
import { TextInput } from '@/components/ui/text-input';
import { useToast } from '@/components/ui/toast';
import { formatDate } from '@/lib/format';
import { useConcernSettings } from '../api/get-concern-settings';
import { useUpdateConcernSettings } from '../api/update-concern-settings';
import { describeTunable, durationUnits, isDuration, ruleTunables, ruleWords, tunableBounds, type DurationUnit } from '../lib/concern-rules';
import { draftOf, settingsOf, valueProblem, type DraftEntry, type SettingsDraft } from '../lib/settings-draft';

export interface ConcernSettingsPanelProps {
  realm: string;
  /** Admins (`concerns:configure`) edit the rules; everyone else reads them. */
  canConfigure: boolean;
}

function LastChange({ response }: { response: ConcernSettingsResponse }) {
  if (!response.updatedAt) return <>The defaults this console was started with (its CONCERN_DEFAULTS setting, else the built-in ones): no admin has changed them in this realm.</>;
  return (
    <>
      Last changed {formatDate(response.updatedAt)}
      {response.updatedBy ? ` by ${response.updatedBy.username}` : ''}.
    </>
  );
}

/** The rules as they run now, in words (help-desk and auditors). */
function SettingsSummary({ response }: { response: ConcernSettingsResponse }) {
  return (
    <ul className="divide-y divide-slate-200" data-testid="concern-settings-summary">
      {concernRuleIds.map((rule) => (
        <li key={rule} className="flex flex-wrap items-baseline justify-between gap-2 px-5 py-2 text-sm" data-rule={rule}>
          <span className="font-medium text-slate-900">{ruleWords[rule].title}</span>
          <span className="text-slate-700">
            {response.settings[rule].enabled ? ['On', describeTunable(response.settings, rule)].filter(Boolean).join(', ') : 'Off'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function RuleFields({ rule, draft, touched, onChange }: { rule: ConcernRuleId; draft: SettingsDraft; touched: boolean; onChange: (next: DraftEntry) => void }) {
  const id = useId();
  const tunable = ruleTunables[rule];
  const entry = draft[rule];
  const unit = entry.unit ?? tunable?.unit;
  const problem = valueProblem(rule, entry.value, unit);
  const bounds = tunable ? tunableBounds(tunable, unit) : undefined;
  return (
    <fieldset className="px-5 py-3" data-rule={rule}>
      <legend className="sr-only">{ruleWords[rule].title}</legend>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-900">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 text-accent-600 focus-visible:outline-2 focus-visible:outline-accent-600"
            checked={entry.enabled}
            onChange={(event) => onChange({ ...entry, enabled: event.target.checked })}
          />
          {ruleWords[rule].title}
        </label>
        {tunable && bounds ? (
          <div className="flex items-center gap-2">
            <label htmlFor={`${id}-value`} className="text-sm text-slate-700">
              {tunable.label} ({unit})
            </label>
            <TextInput
              id={`${id}-value`}
              type="number"
              inputMode="decimal"
              min={bounds.min}
              max={bounds.max}
              step="any"
              className="w-28"
              value={entry.value}
              disabled={!entry.enabled}
              invalid={problem !== undefined && (touched || entry.value !== '')}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => onChange({ ...entry, value: event.target.value })}
            />
            {unit && isDuration(unit) ? (
              // The number keeps what was typed: "5" then "minutes" reads as 5 minutes, as in a reminder form.
              <Select
                aria-label={`${tunable.label}: unit`}
                className="w-28"
                value={unit}
                disabled={!entry.enabled}
                onChange={(event) => onChange({ ...entry, unit: event.target.value as DurationUnit })}
              >
                {[...durationUnits].reverse().map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </Select>
            ) : null}
          </div>
        ) : null}
      </div>
      <p className="mt-1 text-xs text-slate-600">{ruleWords[rule].description}</p>
      {problem && entry.enabled ? (
        <p id={`${id}-problem`} className="mt-1 text-xs font-medium text-red-700">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The admin's form: each rule on or off with its number, a reason, Save (recorded in the audit trail). */
function SettingsForm({ realm, response }: { realm: string; response: ConcernSettingsResponse }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(response.settings));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const save = useUpdateConcernSettings();
  const toast = useToast();
  const problems = concernRuleIds.filter((rule) => draft[rule].enabled && valueProblem(rule, draft[rule].value, draft[rule].unit));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problems.length > 0 || !isValidReason(reason)) return;
    // A rule switched off keeps its number as it was saved (the form may hold an unfinished one).
    const next = settingsOf(
      Object.fromEntries(concernRuleIds.map((rule) => [rule, draft[rule].enabled || !valueProblem(rule, draft[rule].value, draft[rule].unit) ? draft[rule] : draftOf(response.settings)[rule]])) as SettingsDraft,
    );
    save.mutate(
      { realm, reason: reason.trim(), settings: next },
      {
        onSuccess: (saved) => {
          setDraft(draftOf(saved.settings));
          setReason('');
          setTouched(false);
          toast.show({ title: 'Rules saved', description: 'The change is recorded in the audit trail.' });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Rules of the sessions of concern" data-testid="concern-settings-form">
      <div className="divide-y divide-slate-200">
        {concernRuleIds.map((rule) => (
          <RuleFields key={rule} rule={rule} draft={draft} touched={touched} onChange={(entry) => setDraft((current) => ({ ...current, [rule]: entry }))} />
        ))}
      </div>
      <div className="space-y-3 border-t border-slate-200 px-5 py-4">
        <ReasonField value={reason} onChange={setReason} touched={touched} disabled={save.isPending} />
        {save.isError ? <ActionError error={save.error} /> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={save.isPending}>
            Save rules
          </Button>
          <Button type="button" variant="ghost" onClick={() => setDraft(draftOf(response.defaults))} disabled={save.isPending}>
            Back to the defaults
          </Button>
        </div>
      </div>
    </form>
  );
}

/** The rules of the realm: a form for admins, what they are set to for everyone else. */
export function ConcernSettingsPanel({ realm, canConfigure }: ConcernSettingsPanelProps) {
  const settings = useConcernSettings(realm);
  return (
    <Card aria-labelledby="concern-settings-heading" data-testid="concern-settings">
      <CardHeader
        id="concern-settings-heading"
        title="Rules"
        description={settings.data ? <LastChange response={settings.data} /> : 'What flags a session, in this realm.'}
      />
      {settings.data ? (
        canConfigure ? (
          <SettingsForm key={settings.data.updatedAt ?? 'defaults'} realm={realm} response={settings.data} />
        ) : (
          <SettingsSummary response={settings.data} />
        )
      ) : settings.isError ? (
        <ErrorPanel className="m-4" context="The rules could not be loaded" error={settings.error} onRetry={() => void settings.refetch()} retrying={settings.isFetching} />
      ) : (
        <p className="px-5 py-3 text-sm text-slate-600">Loading the rules…</p>
      )}
    </Card>
  );
}
