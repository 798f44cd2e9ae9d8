import { concernRuleIds, type ConcernRuleId, type ConcernSettings } from '@session-desk/contracts';
import { ruleTunables, shownValue, tunableBounds } from './concern-rules';

/** What the settings form holds: each rule on or off, and its number as typed (in the shown unit). */
export type SettingsDraft = Record<ConcernRuleId, { enabled: boolean; value: string }>;

export function draftOf(settings: ConcernSettings): SettingsDraft {
  return Object.fromEntries(
    concernRuleIds.map((rule) => [rule, { enabled: settings[rule].enabled, value: String(shownValue(settings, rule) ?? '') }]),
  ) as SettingsDraft;
}

/** Why a rule's typed number cannot be saved, in words; undefined when it can (or the rule has none). */
export function valueProblem(rule: ConcernRuleId, value: string): string | undefined {
  const tunable = ruleTunables[rule];
  if (!tunable) return undefined;
  const number = Number(value);
  const { min, max } = tunableBounds(tunable);
  if (value.trim() === '' || !Number.isFinite(number)) return `Enter a number of ${tunable.unit}.`;
  // The lower bound is one minute: in hours or days that is a fraction nobody would type.
  if (number < min) return tunable.factor === 1 ? `Enter at least ${min} ${min === 1 ? tunable.unit.replace(/s$/, '') : tunable.unit}.` : `Enter more than 0 ${tunable.unit}.`;
  if (number > max) return `Enter at most ${max} ${tunable.unit}.`;
  if (!Number.isInteger(Math.round(number * tunable.factor * 1000) / 1000)) {
    return tunable.factor === 1 ? `Enter a whole number of ${tunable.unit}.` : `Enter ${tunable.unit} that make whole minutes.`;
  }
  return undefined;
}

/** The settings to PUT (the API's units); call only when no rule has a valueProblem. */
export function settingsOf(draft: SettingsDraft): ConcernSettings {
  return Object.fromEntries(
    concernRuleIds.map((rule) => {
      const tunable = ruleTunables[rule];
      const entry: Record<string, number | boolean> = { enabled: draft[rule].enabled };
      if (tunable) entry[tunable.field] = Math.round(Number(draft[rule].value) * tunable.factor);
      return [rule, entry];
    }),
  ) as ConcernSettings;
}
