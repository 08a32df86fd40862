// OAuth for Qontak Hub. Decisions where the doc is vague:
// - The doc shows only the password grant (JSON body to POST /oauth/token). Its answer carries a
//   `refresh_token` and `created_at`, the shape of a Doorkeeper (Rails) token endpoint, so tokens
//   are renewed with Doorkeeper's standard `grant_type: "refresh_token"` grant, sent the same way
//   (JSON, with client_id and client_secret). If the refresh token is refused we sign in again with
//   the password grant; a refresh that fails for any other reason (unreachable, 5xx) is reported.
// - A token expires at created_at + expires_in (Unix seconds). created_at is the server's clock, so
//   the expiry is capped at "received + expires_in" to survive a server clock ahead of ours. We renew
//   5 minutes before that (tokens live about a year, per the doc's expires_in).
// - Tokens are kept in the keychain under "_" keys (Switchboard lists those as its own, never as
//   fields the user typed): _accessToken, _refreshToken ("-" when none was issued), _tokenExpiresAt
//   (epoch ms, "0" when unknown) and _tokenOwner, a hash of base URL + username + client id, so that
//   editing those fields never reuses a token issued to someone else. Empty values can't be used as
//   "none" because the vault keeps the saved value when handed an empty one.
// - Wrong username/password is `invalid_grant`, a wrong client `invalid_client`. Doorkeeper answers
//   these with 401 (older versions and the brief) or 400 (RFC 6749 §5.2, Doorkeeper ≥ 5); both count.
// - Calls running at once share one sign-in, so an expired token is renewed once, not per call.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppFailure } from '../../errors';
import { joinUrl, send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext } from '../types';

export const NAME = 'Qontak Hub';
export const TOKEN_KEYS = { access: '_accessToken', refresh: '_refreshToken', expiresAt: '_tokenExpiresAt', owner: '_tokenOwner' } as const;
export const REFRESH_MARGIN_MS = 5 * 60_000;
const NONE = '-';

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().nullable().optional(),
  refresh_token: z.string().min(1).nullable().optional(),
  created_at: z.number().nullable().optional(),
});

const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

export function baseUrl(ctx: AccountContext): string {
  const base = ctx.config.baseUrl?.trim();
  if (!base) throw new AppFailure('validation', 'This account has no API base URL. Edit the account and add it (usually https://chat-service.qontak.com).').keyed('errors.qontak.noBaseUrl');
  return base;
}

function credentials(ctx: AccountContext): { username: string; password: string; clientId: string; clientSecret: string } {
  const username = ctx.config.username?.trim();
  if (!username) throw new AppFailure('validation', 'This account has no Qontak username saved. Edit the account and enter it.').keyed('errors.qontak.noUsername');
  const password = ctx.secrets.password;
  if (!password) throw new AppFailure('validation', 'This account has no Qontak password saved. Edit the account and enter it.').keyed('errors.qontak.noPassword');
  const clientId = ctx.secrets.clientId;
  if (!clientId) throw new AppFailure('validation', 'This account has no client id saved. Edit the account and enter it.').keyed('errors.qontak.noClientId');
  const clientSecret = ctx.secrets.clientSecret;
  if (!clientSecret) throw new AppFailure('validation', 'This account has no client secret saved. Edit the account and enter it.').keyed('errors.qontak.noClientSecret');
  return { username, password, clientId, clientSecret };
}

function tokenOwner(ctx: AccountContext): string {
  const parts = [baseUrl(ctx).replace(/\/+$/, ''), ctx.config.username?.trim() ?? '', ctx.secrets.clientId ?? ''];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

interface Saved {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number | null;
}

/** The token saved for these exact credentials, if any. */
function savedToken(ctx: AccountContext): Saved | null {
  const s = ctx.secrets;
  const accessToken = s[TOKEN_KEYS.access];
  if (!accessToken || s[TOKEN_KEYS.owner] !== tokenOwner(ctx)) return null;
  const refresh = s[TOKEN_KEYS.refresh];
  const expiresAt = Number(s[TOKEN_KEYS.expiresAt]);
  return { accessToken, refreshToken: refresh && refresh !== NONE ? refresh : null, expiresAt: Number.isFinite(expiresAt) && expiresAt > 0 ? expiresAt : null };
}

type TokenPatch = Record<string, string>;
const inFlight = new Map<string, Promise<TokenPatch>>();

/**
 * Runs one sign-in per set of credentials (and kind) at a time; callers arriving meanwhile wait for
 * the same answer and copy the new tokens into their own context.
 */
async function shared(ctx: AccountContext, kind: 'renew' | 'password', work: () => Promise<TokenPatch>): Promise<string> {
  const key = `${tokenOwner(ctx)}:${kind}`;
  let running = inFlight.get(key);
  if (!running) {
    running = work().finally(() => inFlight.delete(key));
    inFlight.set(key, running);
  }
  const patch = await running;
  Object.assign(ctx.secrets, patch);
  return patch[TOKEN_KEYS.access]!;
}

/** A usable access token: the saved one, renewed first when it is about to expire. */
export async function accessToken(ctx: AccountContext): Promise<string> {
  const saved = savedToken(ctx);
  if (saved && (saved.expiresAt === null || Date.now() < saved.expiresAt - REFRESH_MARGIN_MS)) return saved.accessToken;
  return shared(ctx, 'renew', () => renew(ctx, saved?.refreshToken ?? null));
}

/** Called after the API refused `rejected`: renews it (unless a call running beside us already did). */
export async function renewAfterRejection(ctx: AccountContext, rejected: string): Promise<string> {
  const saved = savedToken(ctx);
  if (saved && saved.accessToken !== rejected) return saved.accessToken;
  return shared(ctx, 'renew', () => renew(ctx, saved?.refreshToken ?? null));
}

/** Signs in with the password grant whatever is saved (Test connection checks the real credentials). */
export function signIn(ctx: AccountContext): Promise<string> {
  return shared(ctx, 'password', () => grant(ctx, 'password'));
}

async function renew(ctx: AccountContext, refreshToken: string | null): Promise<TokenPatch> {
  if (refreshToken) {
    try {
      return await grant(ctx, 'refresh_token', refreshToken);
    } catch (err) {
      // A refused refresh token (revoked, expired, already used) is replaced by signing in again.
      if (!(err instanceof AppFailure && err.code === 'credentials_rejected')) throw err;
    }
  }
  return grant(ctx, 'password');
}

async function grant(ctx: AccountContext, type: 'password' | 'refresh_token', refreshToken?: string): Promise<TokenPatch> {
  const c = credentials(ctx);
  const json =
    type === 'password'
      ? { username: c.username, password: c.password, grant_type: 'password', client_id: c.clientId, client_secret: c.clientSecret }
      : { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: c.clientId, client_secret: c.clientSecret };
  const sentAt = Date.now();
  const res = await httpSend(NAME, { method: 'POST', url: joinUrl(baseUrl(ctx), '/oauth/token'), json });
  if (res.status !== 200) throw tokenError(res);
  const parsed = TokenAnswer.safeParse(res.json());
  if (!parsed.success) throw unexpected(NAME, `The sign-in answer has no access token: ${snippet(res.text())}`);
  return remember(ctx, parsed.data, sentAt);
}

async function remember(ctx: AccountContext, t: z.infer<typeof TokenAnswer>, sentAt: number): Promise<TokenPatch> {
  let expiresAt = 0;
  if (t.expires_in) {
    const byServer = t.created_at ? (t.created_at + t.expires_in) * 1000 : Infinity;
    expiresAt = Math.min(byServer, sentAt + t.expires_in * 1000);
  }
  const patch = {
    [TOKEN_KEYS.access]: t.access_token,
    [TOKEN_KEYS.refresh]: t.refresh_token ?? NONE,
    [TOKEN_KEYS.expiresAt]: String(expiresAt),
    [TOKEN_KEYS.owner]: tokenOwner(ctx),
  };
  // A keychain hiccup must not fail the call that already holds its token; the token then lives
  // for this call only and the next one signs in again.
  await ctx.saveSecrets?.(patch).catch(() => undefined);
  return patch;
}

function tokenError(res: HttpResponse): AppFailure {
  const detail = `HTTP ${res.status}: ${snippet(res.text())}`;
  if (res.status >= 500) return new AppFailure('unreachable', `${NAME} couldn't sign in right now (HTTP ${res.status}). Try again in a moment.`, detail).keyed('errors.qontak.signInServer', { provider: NAME, status: res.status });
  let error: z.infer<typeof OAuthError> | null = null;
  try {
    const parsed = OAuthError.safeParse(JSON.parse(res.text()));
    if (parsed.success) error = parsed.data;
  } catch {
    // not JSON: handled below
  }
  if (error?.error === 'invalid_client') {
    return new AppFailure(
      'credentials_rejected',
      `${NAME} rejected the client id or client secret. Check both in the account settings; Qontak support can give you the right pair for your organisation.`,
      detail,
    ).keyed('errors.qontak.clientRejected', { provider: NAME });
  }
  if (error?.error === 'invalid_grant' || (res.status === 401 && !error)) {
    return new AppFailure(
      'credentials_rejected',
      `${NAME} rejected the username or password. Check them in the account settings: they are the ones you sign in to Qontak Hub with.`,
      detail,
    ).keyed('errors.qontak.userRejected', { provider: NAME });
  }
  if (res.status === 404) return unexpected(NAME, `The sign-in address was not found (is the base URL right?) ${detail}`);
  return unexpected(NAME, error ? `Sign-in refused: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}. ${detail}` : detail);
}
