import { describe, expect, it } from 'vitest';
import { concernListQuerySchema, concernSettingsSchema, concernSettingsUpdateBodySchema, withConcernDefaults } from './concerns.js';
import { concernSettingBounds, concernSettingsDefaults } from './rules.js';

describe('concern settings', () => {
  it('are the defaults when nothing is given, rule by rule and field by field', () => {
    expect(concernSettingsSchema.parse({})).toEqual(concernSettingsDefaults);
    expect(concernSettingsSchema.parse({ 'old-session': { enabled: false } })).toEqual({
      ...concernSettingsDefaults,
      'old-session': { enabled: false, maxAgeMinutes: 7 * 1_440 },
    });
  });

  it('has the documented defaults: 24 h window, 5 sessions, 30 days unused, 7 days old, every rule on', () => {
    expect(concernSettingsDefaults).toEqual({
      'many-countries': { enabled: true, windowMinutes: 1_440 },
      'too-many-sessions': { enabled: true, maxSessions: 5 },
      'new-country': { enabled: true },
      'idle-offline': { enabled: true, idleMinutes: 43_200 },
      'old-session': { enabled: true, maxAgeMinutes: 10_080 },
    });
  });

  it.each([
    ['many-countries', 'windowMinutes'],
    ['too-many-sessions', 'maxSessions'],
    ['idle-offline', 'idleMinutes'],
    ['old-session', 'maxAgeMinutes'],
  ] as const)('bounds %s.%s inclusively and refuses fractions', (rule, field) => {
    const { min, max } = concernSettingBounds[field];
    const parse = (value: unknown) => concernSettingsSchema.safeParse({ [rule]: { [field]: value } }).success;
    expect(parse(min)).toBe(true);
    expect(parse(max)).toBe(true);
    expect(parse(min - 1)).toBe(false);
    expect(parse(max + 1)).toBe(false);
    expect(parse(min + 0.5)).toBe(false);
    expect(parse(String(min))).toBe(false);
  });

  it('refuses unknown rules and fields, and enabled that is not a boolean', () => {
    expect(concernSettingsSchema.safeParse({ 'odd-hours': { enabled: true } }).success).toBe(false);
    expect(concernSettingsSchema.safeParse({ 'new-country': { enabled: true, windowMinutes: 5 } }).success).toBe(false);
    expect(concernSettingsSchema.safeParse({ 'new-country': { enabled: 'yes' } }).success).toBe(false);
  });

  it('needs a reason to change them', () => {
    expect(concernSettingsUpdateBodySchema.safeParse({ settings: {} }).success).toBe(false);
    expect(concernSettingsUpdateBodySchema.safeParse({ reason: 'x', settings: {} }).success).toBe(false);
    expect(concernSettingsUpdateBodySchema.parse({ reason: ' tune for travel season ', settings: {} })).toEqual({
      reason: 'tune for travel season',
      settings: {},
    });
    expect(concernSettingsUpdateBodySchema.safeParse({ reason: 'because', settings: {}, extra: 1 }).success).toBe(false);
  });

  it('leaves what a change leaves out to the realm\'s defaults, never to the built-in ones', () => {
    const configured = concernSettingsSchema.parse({ 'idle-offline': { enabled: true, idleMinutes: 2 }, 'old-session': { enabled: false, maxAgeMinutes: 2 } });
    const { settings } = concernSettingsUpdateBodySchema.parse({ reason: 'one rule only', settings: { 'too-many-sessions': { maxSessions: 9 }, 'old-session': { enabled: true } } });
    expect(withConcernDefaults(settings, configured)).toEqual({
      ...configured,
      'too-many-sessions': { enabled: true, maxSessions: 9 },
      'old-session': { enabled: true, maxAgeMinutes: 2 },
    });
    expect(withConcernDefaults({}, configured)).toEqual(configured);
    expect(concernSettingsUpdateBodySchema.safeParse({ reason: 'bad field', settings: { 'new-country': { windowMinutes: 5 } } }).success).toBe(false);
    expect(concernSettingsUpdateBodySchema.safeParse({ reason: 'too small', settings: { 'old-session': { maxAgeMinutes: 0 } } }).success).toBe(false);
  });

  it('filters the list by a known rule only', () => {
    expect(concernListQuerySchema.parse({ rule: 'new-country' })).toEqual({ rule: 'new-country' });
    expect(concernListQuerySchema.safeParse({ rule: 'nope' }).success).toBe(false);
  });
});
