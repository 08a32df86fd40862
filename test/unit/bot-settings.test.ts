import { describe, expect, it } from 'vitest';
import { neverAnswersReason, timezoneProblem } from '../../shared/bot-settings';
import { checkSettings } from '../../electron/services/providers/bot-api/settings';
import type { AppFailure } from '../../electron/services/errors';
import { i18n, t } from '../../renderer/src/i18n';

const days = (on: boolean) => Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, on]));

describe('bot settings: timezone', () => {
  it('takes region names (aliases too) and UTC offsets, as the gateway example writes them', () => {
    for (const tz of ['Africa/Lagos', 'Asia/Jakarta', 'UTC', 'Asia/Calcutta', '+1', '-05:30', '+0700', '']) expect(timezoneProblem(tz), tz).toBeNull();
  });
  it('refuses a made-up zone and an offset beyond +14, saying what to use', () => {
    expect(timezoneProblem('Mars/Olympus')).toEqual({ key: 'errors.botApi.timezone', params: { tz: 'Mars/Olympus' } });
    expect(timezoneProblem('+15')).toEqual({ key: 'errors.botApi.timezoneOffset', params: { tz: '+15' } });
    expect(timezoneProblem(' Lagos time ')).toEqual({ key: 'errors.botApi.timezone', params: { tz: 'Lagos time' } });
  });
  it("words what it finds in the operator's language, the same as main says it", async () => {
    const worded = (tz: string) => {
      const w = timezoneProblem(tz)!;
      return t(w.key, w.params);
    };
    await i18n.changeLanguage('en');
    expect(worded('Mars/Olympus')).toBe('"Mars/Olympus" is not a timezone. Use a region name like Africa/Lagos or Asia/Jakarta, or an offset like +1 or +07:00.');
    expect(worded('+15')).toBe('"+15" is not a UTC offset: offsets run from -12:00 to +14:00.');
    for (const tz of ['Mars/Olympus', '+15']) {
      const thrown = (() => {
        try {
          checkSettings('general', { bot_timezone: tz });
        } catch (err) {
          return err as AppFailure;
        }
        throw new Error('not refused');
      })();
      expect(thrown.message).toBe(worded(tz));
      expect(thrown.toAppError()).toMatchObject(timezoneProblem(tz)!);
    }
    await i18n.changeLanguage('id');
    expect(worded('Mars/Olympus')).toBe('"Mars/Olympus" bukan zona waktu. Gunakan nama wilayah seperti Asia/Jakarta atau Africa/Lagos, atau selisih seperti +1 atau +07:00.');
    expect(t(neverAnswersReason(days(false))!.key)).toMatch(/tidak akan pernah menjawab/);
    await i18n.changeLanguage('en');
  });
  it('main refuses it before anything reaches the gateway', () => {
    expect(() => checkSettings('general', { bot_timezone: 'Mars/Olympus' })).toThrow(/not a timezone/);
    expect(() => checkSettings('general', { bot_timezone: 7 as unknown as string })).toThrow(expect.objectContaining({ key: 'errors.botApi.timezoneText' }));
    expect(() => checkSettings('general', { bot_timezone: 'Africa/Lagos', default_msg: 'Hello [name]' })).not.toThrow();
    expect(() => checkSettings('general', { default_msg: '  ' })).toThrow(/default message/);
  });
});

describe('bot settings: a bot that would never answer', () => {
  it('warns when every day is off', () => {
    const reason = neverAnswersReason(days(false));
    expect(reason).toEqual({ key: 'botForms.neverAnswers' });
    expect(t(reason!.key)).toMatch(/never answer/);
  });
  it('says nothing while one day is on', () => {
    expect(neverAnswersReason({ ...days(false), friday: true })).toBeNull();
    expect(neverAnswersReason(days(true))).toBeNull();
  });
});
