// Checks on the bot API's settings that both sides make: the window as the operator types, main
// before anything reaches the gateway. No platform imports: Intl is all it needs.

/** "+1", "-05:30", "+0530": the gateway's own example gives a bare hour offset. */
const OFFSET = /^[+-](\d{1,2})(?::?([0-5]\d))?$/;

/** Why `value` is not a timezone the gateway can use, or null when it is (or left empty). */
export function timezoneProblem(value: string): string | null {
  const tz = value.trim();
  if (!tz) return null;
  const offset = OFFSET.exec(tz);
  if (offset) return Number(offset[1]) <= 14 ? null : `"${tz}" is not a UTC offset: offsets run from -12:00 to +14:00.`;
  if (isIanaZone(tz)) return null;
  return `"${tz}" is not a timezone. Use a region name like Africa/Lagos or Asia/Jakarta, or an offset like +1 or +07:00.`;
}

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
export function neverAnswersReason(activeDays: Record<string, unknown>): string | null {
  if (weekDays.every((d) => activeDays[d] === false)) return 'With every day off, the bot will never answer. Turn on at least one day for it to reply.';
  return null;
}
