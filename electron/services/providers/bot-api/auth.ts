// Account-level auth for the bot API (reference note "Base URL / auth"). Choices:
// - Two ways in. A token pasted from the dashboard (`bearerToken`, optionally with the
//   `refreshToken` that came with it), or email + password, exchanged at `POST /sessions` for
//   `{accessToken, refreshToken}`. Issued tokens go to the keychain through ctx.saveSecrets as
//   `_accessToken` / `_refreshToken` (hidden from the form, never written to disk or shown).
//   When email and password are both there they win, so a stale pasted token cannot shadow them.
// - Every request carries `Authorization: Bearer <access>` AND `x-refresh: <refresh>`, as the
//   official SDK's interceptor does; the short doc's `--header 'x-refresh;'` is that header left
//   empty, so without a refresh token we send none rather than an empty one. The note defines no
//   refresh endpoint: the refresh token rides on each request and the server falls back to it
//   when the access token has expired.
// - If the access token is still refused (401 that is not the engine's "phone isn't connected")
//   and the account has email + password, we sign in again once at /sessions, save the new
//   pair, and repeat the request. With a pasted token only, the operator is asked for a new one.
import { AppFailure } from '../../errors';
import { joinUrl, rejected, send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext } from '../types';

export const NAME = 'The WhatsApp gateway';

export function baseUrl(ctx: AccountContext): string {
  const base = ctx.config.baseUrl;
  if (!base) throw new AppFailure('validation', 'This account has no API base URL. Edit the account and add it.').keyed('errors.botApi.noBaseUrl');
  return base;
}

const usesLogin = (ctx: AccountContext): boolean => !!ctx.config.email && !!ctx.secrets.password;

/** The gateway's own words from an error body: `{status:false, message}` or the engine's `{error:true, message}`. */
export function gatewayMessage(res: Pick<HttpResponse, 'text'>): string | null {
  try {
    const body = JSON.parse(res.text()) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
    return typeof body.error === 'string' && body.error ? body.error : null;
  } catch {
    return null;
  }
}

/** The engine answers 401 `{error:true, message:"phone isn't connected"}`: the phone, not our token. */
export const phoneNotConnected = (res: Pick<HttpResponse, 'status' | 'text'>): boolean => res.status === 401 && /phone isn.?t connected/i.test(gatewayMessage(res) ?? '');

const tokenRefused = (res: HttpResponse): boolean => res.status === 401 && !phoneNotConnected(res);

/** Signs in with email + password and keeps the issued pair in the keychain. */
export async function signIn(ctx: AccountContext): Promise<void> {
  const res = await httpSend(NAME, { method: 'POST', url: joinUrl(baseUrl(ctx), '/sessions'), json: { email: ctx.config.email, password: ctx.secrets.password } });
  if (res.status === 401 || res.status === 403 || res.status === 400) {
    throw new AppFailure('credentials_rejected', 'The WhatsApp gateway did not accept the email and password. Check them in the account settings.', `HTTP ${res.status}: ${snippet(res.text())}`).keyed('errors.botApi.loginRejected');
  }
  if (res.status >= 300) throw unexpected(NAME, `POST /sessions answered HTTP ${res.status}: ${snippet(res.text())}`);
  const body = res.json() as { accessToken?: unknown; refreshToken?: unknown };
  if (typeof body.accessToken !== 'string' || !body.accessToken) throw unexpected(NAME, `POST /sessions answered without an accessToken: ${snippet(res.text())}`);
  const patch: Record<string, string> = { _accessToken: body.accessToken };
  if (typeof body.refreshToken === 'string' && body.refreshToken) patch._refreshToken = body.refreshToken;
  if (ctx.saveSecrets) await ctx.saveSecrets(patch);
  else Object.assign(ctx.secrets, patch);
}

async function authHeaders(ctx: AccountContext): Promise<Record<string, string>> {
  if (usesLogin(ctx)) {
    if (!ctx.secrets._accessToken) await signIn(ctx);
    return withRefresh(ctx.secrets._accessToken!, ctx.secrets._refreshToken);
  }
  const token = ctx.secrets.bearerToken;
  if (!token) throw new AppFailure('validation', 'This account has no bearer token, nor an email and password to sign in with. Edit the account and enter one of them.').keyed('errors.botApi.noToken');
  return withRefresh(token, ctx.secrets.refreshToken);
}

function withRefresh(access: string, refresh: string | undefined): Record<string, string> {
  return refresh ? { authorization: `Bearer ${access}`, 'x-refresh': refresh } : { authorization: `Bearer ${access}` };
}

export interface GatewayRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  timeoutMs?: number;
}

/** One request with account auth; a refused token is renewed once by signing in, where possible. */
export async function authorised(ctx: AccountContext, req: GatewayRequest): Promise<HttpResponse> {
  const once = async () => httpSend(NAME, { ...req, url: joinUrl(baseUrl(ctx), req.path, req.query), headers: await authHeaders(ctx) });
  const res = await once();
  if (!tokenRefused(res)) return res;
  if (!usesLogin(ctx)) throw rejected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  await signIn(ctx);
  const again = await once();
  if (tokenRefused(again)) throw rejected(NAME, `HTTP ${again.status} after signing in again: ${snippet(again.text())}`);
  return again;
}
