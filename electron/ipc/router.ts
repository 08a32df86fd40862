// The transport-agnostic router: one handler per channel, input validated against the contract,
// every outcome returned as a Result (nothing thrown across the boundary).
import { z } from 'zod';
import { channelNames, channels, type Result } from '../../shared/ipc';
import { type MessageKey, validationKey } from '../../shared/messageKeys';
import type { AppError } from '../../shared/model';
import type { Handlers } from '../services/app';
import { toAppError } from '../services/errors';
import type { Logger } from '../services/log';

export interface Router {
  channels: readonly string[];
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, log?: Logger): Router {
  const missing = channelNames.filter((c) => typeof handlers[c] !== 'function');
  if (missing.length) throw new Error(`No handler for channel(s): ${missing.join(', ')}`);
  return {
    channels: channelNames,
    async dispatch(channel, input) {
      // Callers are typed, but the shell's frames come from outside: a non-string channel (an
      // object whose toString is not a function) must be refused, not stringified.
      if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
        return { ok: false, error: { code: 'validation', message: `Unknown request "${typeof channel === 'string' ? channel.slice(0, 60) : typeof channel}".` } };
      }
      const c = channel as keyof typeof channels;
      const parsed = channels[c].input.safeParse(input ?? {});
      if (!parsed.success) {
        return { ok: false, error: { code: 'validation', message: describeIssues(parsed.error), detail: `${c}: ${z.prettifyError(parsed.error)}`, ...keyOf(parsed.error) } };
      }
      try {
        const handler = handlers[c] as (i: unknown) => unknown;
        const value = await handler(parsed.data);
        return { ok: true, value };
      } catch (err) {
        const error = toAppError(err);
        if (error.code === 'internal') log?.error(`${c} failed`, { detail: error.detail });
        return { ok: false, error };
      }
    },
  };
}

/** The first issue's message key, when its message is one of the contract's own (see shared/messageKeys). */
function keyOf(err: z.ZodError): Pick<AppError, 'key' | 'params'> {
  const first = err.issues[0];
  if (!first) return {};
  const found = validationKey(first.message) ?? builtInKey(first);
  const path = first.path.join('.');
  return { key: found.key, params: { ...found.params, ...(path ? { path } : {}) } };
}

/**
 * zod's own messages (a check the contract gave no words of its own) by the kind of issue: a text
 * too long or too short, else "not valid". The field's path is put before the worded text.
 */
function builtInKey(issue: z.core.$ZodIssue): MessageKey {
  if (issue.code === 'too_big' && issue.origin === 'string') return { key: 'errors.validation.tooLongAny', params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_small' && issue.origin === 'string') return Number(issue.minimum) <= 1 ? { key: 'errors.validation.empty' } : { key: 'errors.validation.tooShortAny', params: { min: Number(issue.minimum) } };
  return { key: 'errors.validation.invalid' };
}

function describeIssues(err: z.ZodError): string {
  const first = err.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}
