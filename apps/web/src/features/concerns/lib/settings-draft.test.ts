import { concernSettingsDefaults } from '@session-desk/contracts';
import { describe, expect, it } from 'vitest';
import { describeTunable } from './concern-rules';
import { draftOf, settingsOf, valueProblem } from './settings-draft';

describe('settings draft', () => {
  it('shows durations in hours and days and saves them back in minutes unchanged', () => {
    const draft = draftOf(concernSettingsDefaults);
    expect(draft['many-countries']).toEqual({ enabled: true, value: '24', unit: 'hours' });
    expect(draft['idle-offline']).toEqual({ enabled: true, value: '30', unit: 'days' });
    expect(draft['old-session']).toEqual({ enabled: true, value: '7', unit: 'days' });
    expect(draft['too-many-sessions']).toEqual({ enabled: true, value: '5', unit: 'sessions' });
    expect(draft['new-country']).toEqual({ enabled: true, value: '' });
    expect(settingsOf(draft)).toEqual(concernSettingsDefaults);
  });

  it('shows a limit that is not whole hours or days in the largest whole unit, and saves it back unchanged', () => {
    const draft = draftOf({
      ...concernSettingsDefaults,
      'many-countries': { enabled: false, windowMinutes: 90 },
      'idle-offline': { enabled: true, idleMinutes: 2 * 60 },
      'old-session': { enabled: true, maxAgeMinutes: 1 },
    });
    expect(draft['many-countries']).toEqual({ enabled: false, value: '90', unit: 'minutes' });
    expect(draft['idle-offline']).toEqual({ enabled: true, value: '2', unit: 'hours' });
    // One minute was shown as "0.001 days".
    expect(draft['old-session']).toEqual({ enabled: true, value: '1', unit: 'minutes' });
    expect(settingsOf(draft)).toMatchObject({
      'many-countries': { enabled: false, windowMinutes: 90 },
      'idle-offline': { enabled: true, idleMinutes: 120 },
      'old-session': { enabled: true, maxAgeMinutes: 1 },
    });
  });

  it('keeps a window of whole days in its own unit, hours (48 hours, not 2 days)', () => {
    expect(draftOf({ ...concernSettingsDefaults, 'many-countries': { enabled: true, windowMinutes: 2_880 } })['many-countries']).toEqual({ enabled: true, value: '48', unit: 'hours' });
  });

  it('saves a number in the unit it was typed in', () => {
    const draft = draftOf(concernSettingsDefaults);
    draft['old-session'] = { enabled: true, value: '45', unit: 'minutes' };
    draft['idle-offline'] = { enabled: true, value: '1.5', unit: 'hours' };
    draft['many-countries'] = { enabled: true, value: '2', unit: 'days' };
    expect(settingsOf(draft)).toMatchObject({
      'old-session': { maxAgeMinutes: 45 },
      'idle-offline': { idleMinutes: 90 },
      'many-countries': { windowMinutes: 2_880 },
    });
  });

  it('describes the rules in the same units as the form (the read-only summary)', () => {
    const settings = { ...concernSettingsDefaults, 'old-session': { enabled: true, maxAgeMinutes: 1 }, 'idle-offline': { enabled: true, idleMinutes: 36 * 60 } };
    expect(describeTunable(settings, 'old-session')).toBe('older than 1 minute');
    expect(describeTunable(settings, 'idle-offline')).toBe('unused for more than 36 hours');
    expect(describeTunable(settings, 'many-countries')).toBe('window 24 hours');
    expect(describeTunable(settings, 'too-many-sessions')).toBe('limit 5 sessions');
    expect(describeTunable(settings, 'new-country')).toBeUndefined();
  });

  it('says what is wrong with a typed number, in the unit shown, and nothing for a rule without one', () => {
    expect(valueProblem('too-many-sessions', '0')).toBe('Enter at least 1 session.');
    expect(valueProblem('too-many-sessions', '2.5')).toBe('Enter a whole number of sessions.');
    expect(valueProblem('too-many-sessions', '10001')).toBe('Enter at most 10000 sessions.');
    expect(valueProblem('old-session', '')).toBe('Enter a number of days.');
    expect(valueProblem('old-session', '0')).toBe('Enter more than 0 days.');
    expect(valueProblem('old-session', '3651')).toBe('Enter at most 3650 days.');
    expect(valueProblem('many-countries', '1.001')).toBe('Enter hours that make whole minutes.');
    expect(valueProblem('many-countries', '0.001')).toBe('Enter more than 0 hours.');
    expect(valueProblem('many-countries', '0.5')).toBeUndefined();
    expect(valueProblem('new-country', 'anything')).toBeUndefined();
  });

  it('checks a number in the unit chosen for it', () => {
    expect(valueProblem('old-session', '0', 'minutes')).toBe('Enter at least 1 minute.');
    expect(valueProblem('old-session', '1.5', 'minutes')).toBe('Enter a whole number of minutes.');
    expect(valueProblem('old-session', '1', 'minutes')).toBeUndefined();
    expect(valueProblem('many-countries', '31', 'days')).toBe('Enter at most 30 days.');
    expect(valueProblem('many-countries', '720', 'hours')).toBeUndefined();
  });
});
