import { describe, expect, it } from 'vitest';
import { neverAnswersReason, timezoneProblem } from '../../shared/bot-settings';
import { checkSettings } from '../../electron/services/providers/bot-api/settings';

describe('bot settings: timezone', () => {
  it('takes region names (aliases too) and UTC offsets, as the gateway example writes them', () => {
    for (const tz of ['Africa/Lagos', 'Asia/Jakarta', 'UTC', 'Asia/Calcutta', '+1', '-05:30', '+0700', '']) expect(timezoneProblem(tz), tz).toBeNull();
  });
  it('refuses a made-up zone and an offset beyond +14, saying what to use', () => {
    expect(timezoneProblem('Mars/Olympus')).toMatch(/"Mars\/Olympus" is not a timezone\. Use a region name like Africa\/Lagos/);
    expect(timezoneProblem('+15')).toMatch(/not a UTC offset/);
    expect(timezoneProblem('Lagos time')).toMatch(/not a timezone/);
  });
  it('main refuses it before anything reaches the gateway', () => {
    expect(() => checkSettings('general', { bot_timezone: 'Mars/Olympus' })).toThrow(/not a timezone/);
    expect(() => checkSettings('general', { bot_timezone: 'Africa/Lagos', default_msg: 'Hello [name]' })).not.toThrow();
    expect(() => checkSettings('general', { default_msg: '  ' })).toThrow(/default message/);
  });
});

describe('bot settings: a bot that would never answer', () => {
  const days = (on: boolean) => Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, on]));
  it('warns when every day is off', () => {
    expect(neverAnswersReason(days(false))).toMatch(/never answer/);
  });
  it('says nothing while one day is on', () => {
    expect(neverAnswersReason({ ...days(false), friday: true })).toBeNull();
    expect(neverAnswersReason(days(true))).toBeNull();
  });
});
