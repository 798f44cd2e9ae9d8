import { concernRuleIds, concernSettingBounds, type ConcernItem, type ConcernRuleId, type ConcernSettings } from '@session-desk/contracts';

/** What each rule is called on the page, and what it flags, in words. */
export const ruleWords: Record<ConcernRuleId, { title: string; description: string }> = {
  'many-countries': { title: 'Sessions from several countries', description: 'Users whose live sessions come from more than one country within the window.' },
  'too-many-sessions': { title: 'Too many sessions', description: 'Users with more live sessions (regular and offline) than the limit.' },
  'new-country': { title: 'New country', description: 'Sessions from a country the user never had a session from before.' },
  'idle-offline': { title: 'Unused offline sessions', description: 'Offline sessions not used for longer than the limit.' },
  'old-session': { title: 'Old sessions', description: 'Sessions started longer ago than the limit.' },
};

/** A rule's number field: which setting, its label and the unit it is edited in (the API counts minutes). */
export interface RuleTunable {
  field: 'windowMinutes' | 'maxSessions' | 'idleMinutes' | 'maxAgeMinutes';
  label: string;
  unit: 'hours' | 'days' | 'sessions';
  /** API units per displayed unit. */
  factor: number;
}

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1_440;

export const ruleTunables: Record<ConcernRuleId, RuleTunable | null> = {
  'many-countries': { field: 'windowMinutes', label: 'Window', unit: 'hours', factor: MINUTES_PER_HOUR },
  'too-many-sessions': { field: 'maxSessions', label: 'Limit', unit: 'sessions', factor: 1 },
  'new-country': null,
  'idle-offline': { field: 'idleMinutes', label: 'Unused for more than', unit: 'days', factor: MINUTES_PER_DAY },
  'old-session': { field: 'maxAgeMinutes', label: 'Older than', unit: 'days', factor: MINUTES_PER_DAY },
};

/** The bounds of a tunable in its displayed unit. */
export function tunableBounds(tunable: RuleTunable): { min: number; max: number } {
  const { min, max } = concernSettingBounds[tunable.field];
  return { min: min / tunable.factor, max: max / tunable.factor };
}

/** A rule's tunable value as shown (e.g. 1440 minutes → 24 hours); undefined for a rule without one. */
export function shownValue(settings: ConcernSettings, rule: ConcernRuleId): number | undefined {
  const tunable = ruleTunables[rule];
  if (!tunable) return undefined;
  const value = (settings[rule] as Record<string, number | boolean>)[tunable.field];
  return typeof value === 'number' ? Math.round((value / tunable.factor) * 1000) / 1000 : undefined;
}

/** "24 hours", "5 sessions", "30 days". */
export function describeTunable(settings: ConcernSettings, rule: ConcernRuleId): string | undefined {
  const tunable = ruleTunables[rule];
  const value = shownValue(settings, rule);
  if (!tunable || value === undefined) return undefined;
  return `${tunable.label.toLowerCase()} ${value} ${value === 1 ? tunable.unit.replace(/s$/, '') : tunable.unit}`;
}

/** The items of each rule, in the rules' display order (rules without items included, empty). */
export function groupByRule(items: readonly ConcernItem[]): Array<{ rule: ConcernRuleId; items: ConcernItem[] }> {
  return concernRuleIds.map((rule) => ({ rule, items: items.filter((item) => item.rule === rule) }));
}
