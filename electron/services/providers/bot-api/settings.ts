// Bot settings (PUT /whatsapp/update*). The doc's examples carry no session; settings belong to
// an instance, so we send its session_id/access_token in the query and body like other calls.
import { timezoneProblem } from '../../../../shared/bot-settings';
import { AppFailure } from '../../errors';
import type { AccountContext, BotSettingsOps, BotSettingsSection, InstanceRef } from '../types';
import { call, expectOk, sessionQuery } from './client';

const paths: Record<BotSettingsSection, string> = {
  general: '/whatsapp/updateGeneral',
  actions: '/whatsapp/updateActions',
  activeDays: '/whatsapp/updateActiveDays',
  activeHours: '/whatsapp/updateActiveHours',
};

const allowed: Record<BotSettingsSection, string[]> = {
  general: ['bot_name', 'bot_timezone', 'bot_lang', 'default_msg'],
  actions: ['send_default_msg', 'reply_group_msgs', 'reply_unread_msgs', 'reply_msgs', 'multi_device', 'send_webhook'],
  activeDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  activeHours: ['from', 'to'],
};

const HOUR = /^(always|([01]?\d|2[0-3]):[0-5]\d)$/;

export function checkSettings(section: BotSettingsSection, values: Record<string, string | boolean>): void {
  const unknown = Object.keys(values).filter((k) => !allowed[section].includes(k));
  if (unknown.length) throw new AppFailure('validation', `Unknown ${section} setting: ${unknown.join(', ')}.`).keyed('errors.botApi.unknownSetting', { section, names: unknown.join(', ') });
  if (section === 'general') {
    const tz = values.bot_timezone;
    if (tz !== undefined) {
      if (typeof tz !== 'string') throw new AppFailure('validation', 'The timezone must be text.').keyed('errors.botApi.timezoneText');
      const problem = timezoneProblem(tz);
      // The same checks the window makes as the operator types (shared/bot-settings.ts), worded the same.
      if (problem?.key === 'errors.botApi.timezoneOffset') {
        throw new AppFailure('validation', `"${problem.params.tz}" is not a UTC offset: offsets run from -12:00 to +14:00.`).keyed('errors.botApi.timezoneOffset', { tz: problem.params.tz });
      }
      if (problem) {
        throw new AppFailure('validation', `"${problem.params.tz}" is not a timezone. Use a region name like Africa/Lagos or Asia/Jakarta, or an offset like +1 or +07:00.`).keyed('errors.botApi.timezone', { tz: problem.params.tz });
      }
    }
    const msg = values.default_msg;
    // The gateway stores the default message as text (its create answer shows one); the doc's
    // update example sends `true`, which is still accepted as "leave it on".
    if (msg !== undefined && typeof msg === 'string' && !msg.trim()) throw new AppFailure('validation', 'Write the default message, or leave it as it is.').keyed('errors.botApi.defaultMessage');
  }
  if (section === 'activeHours') {
    for (const k of ['from', 'to']) {
      const v = values[k];
      if (typeof v !== 'string' || !HOUR.test(v)) throw new AppFailure('validation', `Active hours "${k}" must be a time like 08:00 (or "always").`).keyed('errors.botApi.activeHours', { which: k });
    }
  }
  if (section === 'actions' || section === 'activeDays') {
    const notFlag = Object.entries(values).find(([, v]) => typeof v !== 'boolean');
    if (notFlag) throw new AppFailure('validation', `${notFlag[0]} must be on or off.`).keyed('errors.botApi.onOrOff', { setting: notFlag[0] });
  }
}

export const botSettings: BotSettingsOps = {
  async update(ctx: AccountContext, inst: InstanceRef, section, values) {
    checkSettings(section, values);
    expectOk(await call(ctx, { method: 'PUT', path: paths[section], query: sessionQuery(inst), json: { ...sessionQuery(inst), ...values } }));
  },
};
