// Checks on the bot API's settings that both sides make: the window as the operator types, main
// before anything reaches the gateway. No platform imports: Intl is all it needs. What they find
// comes back as a wording (a message key and its values), so each side words it in the operator's language.
import type { Wording } from './model';

/** "+1", "-05:30", "+0530": the gateway's own example gives a bare hour offset. */
const OFFSET = /^[+-](\d{1,2})(?::?([0-5]\d))?$/;

/**
 * Why `value` is not a timezone the gateway can use, or null when it is (or left empty): a wording
 * both sides word in the operator's language (main with its English as the fallback, see
 * electron/services/providers/bot-api/settings.ts; the renderer by its key).
 */
export function timezoneProblem(value: string): TimezoneProblem | null {
  const tz = value.trim();
  if (!tz) return null;
  const offset = OFFSET.exec(tz);
  if (offset) return Number(offset[1]) <= 14 ? null : { key: 'errors.botApi.timezoneOffset', params: { tz } };
  if (isIanaZone(tz)) return null;
  return { key: 'errors.botApi.timezone', params: { tz } };
}

/** A timezone the gateway can't use: an offset beyond ±14 hours, or not a timezone at all. */
export type TimezoneProblem = Wording & { key: 'errors.botApi.timezoneOffset' | 'errors.botApi.timezone'; params: { tz: string } };

/** A zone name the platform's tz database knows, including aliases such as UTC or Asia/Calcutta. */
function isIanaZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  if (listed.includes(tz)) return true;
  try {
    // supportedValuesOf lists canonical names only; DateTimeFormat also takes the aliases.
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const weekDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * Why a bot with these settings would never answer anyone, or null. Saving is still allowed (an
 * operator may pause the bot on purpose), but it must not happen unnoticed.
 */
export function neverAnswersReason(activeDays: Record<string, unknown>): Wording | null {
  if (weekDays.every((d) => activeDays[d] === false)) return { key: 'botForms.neverAnswers' };
  return null;
}
