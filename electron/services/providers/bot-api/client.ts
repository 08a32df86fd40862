// Outbound calls to the WhatsApp bot API (Waabot-style). Decisions where the doc is vague:
// - Account auth (bearer / email + password, x-refresh) lives in auth.ts. Instance calls carry
//   session_id/access_token in the query string and, for JSON bodies, in the body too (the
//   reference note: the SDK sends them in both places).
// - Error bodies (reference note "Base URL / auth" and §B engine errors): Waabot's
//   `{status:false, message}` and the engine's `{error:true, message}`. 401 "phone isn't
//   connected" is the phone, not our credentials; 403 "invalid key supplied" / "no key query was
//   present" is the instance's session id or access token; 500 "no account exists" means the
//   number is not on WhatsApp, a final answer rather than a server hiccup to retry.
// - `GET /whatsapp/scan` answering 204 means there is no QR to show: the instance is connected.
//   Otherwise the QR may come as an image, an HTML page around one (the note: "QR (page / base64
//   text)"), a data URL, bare base64 PNG, or the raw QR string.
// - WhatsApp rotates a linking QR about every 20 s; the doc gives no expiry, so we assume 20 s.
// - A 200 with `status: false` is a failure carrying the gateway's `message`.
import QRCode from 'qrcode';
import type { ConnectionTest } from '../../../../shared/model';
import { AppFailure, wordingOf } from '../../errors';
import { snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext, InstanceInfo, InstanceRef, QrResult, RemoteInstance } from '../types';
import { authorised, gatewayMessage, type GatewayRequest, NAME, phoneNotConnected } from './auth';

export const QR_TTL_MS = 20_000;

export const sessionQuery = (inst: InstanceRef) => ({ session_id: inst.sessionId, access_token: inst.accessToken });

export async function call(ctx: AccountContext, req: GatewayRequest): Promise<HttpResponse> {
  let res: HttpResponse;
  try {
    res = await authorised(ctx, req);
  } catch (err) {
    if (err instanceof AppFailure && err.transient?.kind === 'server' && /no account exists/i.test(err.detail ?? '')) {
      throw new AppFailure('unexpected_response', 'This number is not on WhatsApp, so the gateway cannot deliver to it.', err.detail).keyed('errors.botApi.notOnWhatsApp');
    }
    throw err;
  }
  if (res.status >= 400) throw gatewayError(res);
  return res;
}

function gatewayError(res: HttpResponse): AppFailure {
  const msg = gatewayMessage(res);
  const detail = `HTTP ${res.status}: ${snippet(res.text())}`;
  if (phoneNotConnected(res)) return new AppFailure('unexpected_response', 'The WhatsApp instance is not connected to a phone. Scan its QR code under Instances, then try again.', detail).keyed('errors.botApi.notConnected');
  if (res.status === 403) {
    return msg
      ? new AppFailure('credentials_rejected', `The WhatsApp gateway refused this instance's session id or access token (${msg}). Check them in the account settings.`, detail).keyed('errors.botApi.sessionRejectedWhy', { msg })
      : new AppFailure('credentials_rejected', `The WhatsApp gateway refused this instance's session id or access token. Check them in the account settings.`, detail).keyed('errors.botApi.sessionRejected');
  }
  if (res.status === 404 && !msg) return unexpected(NAME, `HTTP 404 for this address: is the base URL right? ${snippet(res.text())}`);
  return msg
    ? new AppFailure('unexpected_response', `The WhatsApp gateway refused the request: ${msg}`, detail).keyed('errors.botApi.refusedWhy', { msg })
    : new AppFailure('unexpected_response', `The WhatsApp gateway refused the request (HTTP ${res.status}).`, detail).keyed('errors.botApi.refusedStatus', { status: res.status });
}

/** 200 bodies must say `status: true`; the gateway reports some failures with HTTP 200. */
export function expectOk(res: HttpResponse): Record<string, unknown> {
  if (res.status === 204) return {};
  const body = res.json() as { status?: unknown; message?: unknown };
  if (!body || typeof body !== 'object') throw unexpected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  if (body.status === false) {
    const msg = typeof body.message === 'string' ? body.message : null;
    if (msg === null) throw new AppFailure('unexpected_response', 'The WhatsApp gateway refused the request: no reason given', snippet(res.text())).keyed('errors.botApi.refusedNoReason');
    throw new AppFailure('unexpected_response', `The WhatsApp gateway refused the request: ${msg}`, snippet(res.text())).keyed('errors.botApi.refusedWhy', { msg });
  }
  return body as Record<string, unknown>;
}

export async function testConnection(ctx: AccountContext): Promise<ConnectionTest> {
  try {
    const body = expectOk(await call(ctx, { method: 'GET', path: '/whatsapp' }));
    const count = Array.isArray(body.data) ? body.data.length : 0;
    return { ok: true, status: 'connected', message: `Connected. The gateway lists ${count} instance${count === 1 ? '' : 's'} on this account.`, key: 'errors.connection.botApiInstances', params: { count } };
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
    const status = err.code === 'credentials_rejected' ? 'credentials_rejected' : err.code === 'unreachable' ? 'unreachable' : 'unknown';
    return { ok: false, status, message: err.message, ...(err.detail ? { detail: err.detail } : {}), ...wordingOf(err) };
  }
}

export async function createInstance(ctx: AccountContext): Promise<InstanceRef> {
  const body = expectOk(await call(ctx, { method: 'POST', path: '/whatsapp/createNewWhatsapp', json: {} }));
  const data = body.data as { _id?: unknown; session_id?: unknown; settings?: { access_token?: unknown } } | undefined;
  if (typeof data?.session_id !== 'string' || typeof data.settings?.access_token !== 'string') {
    throw unexpected(NAME, `createNewWhatsapp answered without session_id/access_token: ${snippet(JSON.stringify(body))}`);
  }
  return { providerId: typeof data._id === 'string' ? data._id : null, sessionId: data.session_id, accessToken: data.settings.access_token };
}

export async function initInstance(ctx: AccountContext, inst: InstanceRef, webhookUrl: string | null): Promise<void> {
  const config = webhookUrl ? { multiDevice: true, setWebhook: true, webhookUrl } : { multiDevice: true, setWebhook: false };
  expectOk(await call(ctx, { method: 'POST', path: '/whatsapp/init', query: sessionQuery(inst), json: { ...sessionQuery(inst), config } }));
}

export async function fetchQr(ctx: AccountContext, inst: InstanceRef): Promise<QrResult> {
  const res = await call(ctx, { method: 'GET', path: '/whatsapp/scan', query: { ...sessionQuery(inst), format: 'base64text' } });
  if (res.status === 204 || res.body.length === 0) return { kind: 'connected' };
  return { kind: 'qr', dataUrl: await qrDataUrl(res), ttlMs: QR_TTL_MS };
}

/** Accepts every form the gateway may answer a QR in and returns an <img>-ready data URL. */
export async function qrDataUrl(res: Pick<HttpResponse, 'contentType' | 'body' | 'text'>): Promise<string> {
  if (/^image\//i.test(res.contentType)) return `data:${res.contentType.split(';')[0]};base64,${res.body.toString('base64')}`;
  let text = res.text().trim();
  // The engine's QR page is HTML around an <img> holding the data URL.
  const img = /<img[^>]+src=["'](data:image\/[a-z+]+;base64,[^"']+)["']/i.exec(text);
  if (img) return img[1]!;
  if (text.startsWith('{')) {
    const json = JSON.parse(text) as { qrcode?: unknown; qr?: unknown; data?: unknown };
    const inner = [json.qrcode, json.qr, json.data].find((v) => typeof v === 'string');
    if (typeof inner !== 'string') throw unexpected(NAME, `QR answer without a QR: ${snippet(text)}`);
    text = inner.trim();
  }
  if (text.startsWith('"')) text = JSON.parse(text) as string;
  if (/^data:image\/[a-z+]+;base64,/i.test(text)) return text;
  if (/^(iVBORw0KGgo|\/9j\/)[A-Za-z0-9+/=\s]+$/.test(text)) return `data:image/${text.startsWith('/9j/') ? 'jpeg' : 'png'};base64,${text.replace(/\s/g, '')}`;
  if (text.length === 0) throw unexpected(NAME, 'The QR answer was empty.');
  // The raw linking string (e.g. "2@…,…"): draw it ourselves.
  return QRCode.toDataURL(text, { margin: 1, width: 264, errorCorrectionLevel: 'L' });
}

export async function instanceInfo(ctx: AccountContext, inst: InstanceRef): Promise<InstanceInfo> {
  const body = expectOk(await call(ctx, { method: 'GET', path: '/whatsapp/instance', query: { ...sessionQuery(inst), format: 'base64' } }));
  const data = (body.data ?? {}) as { instance_data?: { phone_connected?: unknown; user?: { id?: unknown; name?: unknown } | null } };
  const d = data.instance_data;
  if (!d) throw unexpected(NAME, `Instance info without instance_data: ${snippet(JSON.stringify(body))}`);
  const id = typeof d.user?.id === 'string' ? d.user.id : null;
  return {
    connected: d.phone_connected === true,
    phone: id ? id.split('@')[0]!.split(':')[0]! : null,
    name: typeof d.user?.name === 'string' ? d.user.name : null,
  };
}

export async function logoutInstance(ctx: AccountContext, inst: InstanceRef): Promise<void> {
  const id = await gatewayId(ctx, inst);
  expectOk(await call(ctx, { method: 'GET', path: `/whatsapp/instance/logout/${encodeURIComponent(id)}`, query: sessionQuery(inst) }));
}

export async function deleteInstance(ctx: AccountContext, inst: InstanceRef): Promise<void> {
  const id = await gatewayId(ctx, inst);
  expectOk(await call(ctx, { method: 'DELETE', path: `/whatsapp/${encodeURIComponent(id)}` }));
}

/**
 * Logout and delete address an instance by its `_id`. An instance linked on the account form
 * by session id never told us that id, but `GET /whatsapp` lists it beside the session id, so we
 * look it up there (one read per action; the id never changes, and nothing else needs it).
 */
async function gatewayId(ctx: AccountContext, inst: InstanceRef): Promise<string> {
  if (inst.providerId) return inst.providerId;
  const listed = (await listInstances(ctx)).find((r) => r.sessionId === inst.sessionId);
  if (!listed) throw new AppFailure('not_found', 'The gateway no longer lists this instance (session id not found in GET /whatsapp). It may have been deleted in its dashboard.').keyed('errors.botApi.instanceGone');
  return listed.providerId;
}

/**
 * The doc's example subscribes onMessage + onAnyMessage. We subscribe onMessage + onAck instead
 * (reference note §A): onAck carries the delivered/read receipts, and onAnyMessage would echo every
 * message we send as a second, separate bubble, because most sends answer 204 without the id that
 * would tie the echo to the message already in the conversation. The cost: messages typed on the
 * phone itself do not appear in Switchboard.
 */
export const WEBHOOK_EVENTS = ['onMessage', 'onAck'];

export async function setWebhook(ctx: AccountContext, url: string, inst: InstanceRef): Promise<void> {
  expectOk(
    await call(ctx, {
      method: 'PUT',
      path: '/whatsapp/setWebhook',
      query: sessionQuery(inst),
      json: { ...sessionQuery(inst), webhook_url: url, events: WEBHOOK_EVENTS, requestConfig: {} },
    }),
  );
}

/** Every instance on the account (GET /whatsapp), with its settings. */
export async function listInstances(ctx: AccountContext): Promise<RemoteInstance[]> {
  const body = expectOk(await call(ctx, { method: 'GET', path: '/whatsapp' }));
  if (!Array.isArray(body.data)) throw unexpected(NAME, `Instance list without data: ${snippet(JSON.stringify(body))}`);
  return body.data.flatMap((raw): RemoteInstance[] => {
    const d = raw as { _id?: unknown; session_id?: unknown; settings?: Record<string, unknown> };
    if (typeof d._id !== 'string' || typeof d.session_id !== 'string') return [];
    const settings = d.settings ?? {};
    return [
      {
        providerId: d._id,
        sessionId: d.session_id,
        accessToken: typeof settings.access_token === 'string' ? settings.access_token : null,
        status: typeof settings.status === 'string' ? settings.status : 'UNKNOWN',
        phone: typeof settings.bot_number === 'string' ? settings.bot_number : null,
        // The token is a credential: it stays out of what the settings screen sees.
        settings: Object.fromEntries(Object.entries(settings).filter(([k]) => k !== 'access_token')),
      },
    ];
  });
}
