import type { ConcernRuleId, ConcernSettings } from '@session-desk/contracts';
import { concernRuleIds } from '@session-desk/contracts/rules';
import { amountText, ruleTunables, shownValue, tunableBounds, unitFactor, type TunableUnit } from './concern-rules';

/** One rule in the settings form: on or off, its number as typed, and the unit it is typed in (none for a rule without a number). */
export interface DraftEntry {
  enabled: boolean;
  value: string;
  unit?: TunableUnit | undefined;
}

/** What the settings form holds, per rule. */
export type SettingsDraft = Record<ConcernRuleId, DraftEntry>;

/** The form's starting point: each number in the unit `shownValue` picks (never a fraction like 0.001 days). */
export function draftOf(settings: ConcernSettings): SettingsDraft {
  return Object.fromEntries(
    concernRuleIds.map((rule) => {
      const shown = shownValue(settings, rule);
      return [rule, shown ? { enabled: settings[rule].enabled, value: String(shown.value), unit: shown.unit } : { enabled: settings[rule].enabled, value: '' }];
    }),
  ) as SettingsDraft;
}

/**
 * Why a rule's typed number cannot be saved, in words, in the unit it is typed in (the rule's
 * default unit unless given); undefined when it can (or the rule has none).
 */
export function valueProblem(rule: ConcernRuleId, value: string, unit?: TunableUnit): string | undefined {
  const tunable = ruleTunables[rule];
  if (!tunable) return undefined;
  const shownUnit = unit ?? tunable.unit;
  const factor = unitFactor[shownUnit];
  const number = Number(value);
  const { min, max } = tunableBounds(tunable, shownUnit);
  if (value.trim() === '' || !Number.isFinite(number)) return `Enter a number of ${shownUnit}.`;
  // The lower bound is one minute: in hours or days that is a fraction nobody would type.
  if (number < min) return factor === 1 ? `Enter at least ${amountText(min, shownUnit)}.` : `Enter more than 0 ${shownUnit}.`;
  if (number > max) return `Enter at most ${max} ${shownUnit}.`;
  if (!Number.isInteger(Math.round(number * factor * 1000) / 1000)) {
    return factor === 1 ? `Enter a whole number of ${shownUnit}.` : `Enter ${shownUnit} that make whole minutes.`;
  }
  return undefined;
}

/** The settings to PUT (the API's units); call only when no rule has a valueProblem. */
export function settingsOf(draft: SettingsDraft): ConcernSettings {
  return Object.fromEntries(
    concernRuleIds.map((rule) => {
      const tunable = ruleTunables[rule];
      const entry: Record<string, number | boolean> = { enabled: draft[rule].enabled };
      if (tunable) entry[tunable.field] = Math.round(Number(draft[rule].value) * unitFactor[draft[rule].unit ?? tunable.unit]);
      return [rule, entry];
    }),
  ) as ConcernSettings;
}
