import { concernSettingsDefaults } from '@session-desk/contracts';
import { describe, expect, it } from 'vitest';
import { draftOf, settingsOf, valueProblem } from './settings-draft';

describe('settings draft', () => {
  it('shows durations in hours and days and saves them back in minutes unchanged', () => {
    const draft = draftOf(concernSettingsDefaults);
    expect(draft['many-countries']).toEqual({ enabled: true, value: '24' });
    expect(draft['idle-offline']).toEqual({ enabled: true, value: '30' });
    expect(draft['old-session']).toEqual({ enabled: true, value: '7' });
    expect(draft['too-many-sessions']).toEqual({ enabled: true, value: '5' });
    expect(draft['new-country']).toEqual({ enabled: true, value: '' });
    expect(settingsOf(draft)).toEqual(concernSettingsDefaults);
  });

  it('keeps a value that is not whole hours or days (90 minutes = 1.5 hours)', () => {
    const draft = draftOf({ ...concernSettingsDefaults, 'many-countries': { enabled: false, windowMinutes: 90 } });
    expect(draft['many-countries']).toEqual({ enabled: false, value: '1.5' });
    expect(settingsOf(draft)['many-countries']).toEqual({ enabled: false, windowMinutes: 90 });
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
});
