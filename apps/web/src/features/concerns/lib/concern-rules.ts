import type { ConcernItem, ConcernRuleId, ConcernSettings } from '@session-desk/contracts';
import { concernRuleIds, concernSettingBounds } from '@session-desk/contracts/rules';

/** What each rule is called on the page, and what it flags, in words. */
export const ruleWords: Record<ConcernRuleId, { title: string; description: string }> = {
  'many-countries': { title: 'Sessions from several countries', description: 'Users whose live sessions come from more than one country within the window.' },
  'too-many-sessions': { title: 'Too many sessions', description: 'Users with more live sessions (regular and offline) than the limit.' },
  'new-country': { title: 'New country', description: 'Sessions from a country the user never had a session from before.' },
  'idle-offline': { title: 'Unused offline sessions', description: 'Offline sessions not used for longer than the limit.' },
  'old-session': { title: 'Old sessions', description: 'Sessions started longer ago than the limit.' },
};

/** The units a rule's number can be typed in: durations in minutes, hours or days; a count in sessions. */
export type TunableUnit = 'minutes' | 'hours' | 'days' | 'sessions';
export type DurationUnit = Exclude<TunableUnit, 'sessions'>;

/** API units (minutes, or sessions) per one of each unit. */
export const unitFactor: Record<TunableUnit, number> = { minutes: 1, hours: 60, days: 1_440, sessions: 1 };

/** Largest first: the order in which a duration looks for the unit it is a whole number of. */
export const durationUnits: readonly DurationUnit[] = ['days', 'hours', 'minutes'];

/** A rule's number field: which setting, its label and the unit it is shown in by default (the API counts minutes). */
export interface RuleTunable {
  field: 'windowMinutes' | 'maxSessions' | 'idleMinutes' | 'maxAgeMinutes';
  label: string;
  unit: TunableUnit;
}

export const ruleTunables: Record<ConcernRuleId, RuleTunable | null> = {
  'many-countries': { field: 'windowMinutes', label: 'Window', unit: 'hours' },
  'too-many-sessions': { field: 'maxSessions', label: 'Limit', unit: 'sessions' },
  'new-country': null,
  'idle-offline': { field: 'idleMinutes', label: 'Unused for more than', unit: 'days' },
  'old-session': { field: 'maxAgeMinutes', label: 'Older than', unit: 'days' },
};

export const isDuration = (unit: TunableUnit): unit is DurationUnit => unit !== 'sessions';

/** The bounds of a tunable in `unit` (its default unit unless given). */
export function tunableBounds(tunable: RuleTunable, unit: TunableUnit = tunable.unit): { min: number; max: number } {
  const { min, max } = concernSettingBounds[tunable.field];
  return { min: min / unitFactor[unit], max: max / unitFactor[unit] };
}

/**
 * The unit a stored value is shown in: the tunable's default unit when the value is a whole number
 * of it (1440 minutes → 24 hours for the window), else the largest unit it is a whole number of
 * (1 minute → 1 minute, never 0.001 days; 90 minutes → 90 minutes).
 */
export function unitFor(tunable: RuleTunable, apiValue: number): TunableUnit {
  if (!isDuration(tunable.unit) || apiValue % unitFactor[tunable.unit] === 0) return tunable.unit;
  return durationUnits.find((unit) => apiValue % unitFactor[unit] === 0) ?? 'minutes';
}

/** "1 minute", "24 hours", "5 sessions". */
export const amountText = (value: number, unit: TunableUnit) => `${value} ${value === 1 ? unit.replace(/s$/, '') : unit}`;

/** A rule's tunable value as shown, with its unit (e.g. 1440 minutes → 24 hours); undefined for a rule without one. */
export function shownValue(settings: ConcernSettings, rule: ConcernRuleId): { value: number; unit: TunableUnit } | undefined {
  const tunable = ruleTunables[rule];
  if (!tunable) return undefined;
  const value = (settings[rule] as Record<string, number | boolean>)[tunable.field];
  if (typeof value !== 'number') return undefined;
  const unit = unitFor(tunable, value);
  return { value: value / unitFactor[unit], unit };
}

/** "window 24 hours", "limit 5 sessions", "older than 1 minute". */
export function describeTunable(settings: ConcernSettings, rule: ConcernRuleId): string | undefined {
  const tunable = ruleTunables[rule];
  const shown = shownValue(settings, rule);
  if (!tunable || !shown) return undefined;
  return `${tunable.label.toLowerCase()} ${amountText(shown.value, shown.unit)}`;
}

/** The items of each rule, in the rules' display order (rules without items included, empty). */
export function groupByRule(items: readonly ConcernItem[]): Array<{ rule: ConcernRuleId; items: ConcernItem[] }> {
  return concernRuleIds.map((rule) => ({ rule, items: items.filter((item) => item.rule === rule) }));
}
