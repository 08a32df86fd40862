// The simulator's own control page (not part of the Hub API, no auth): lets a person trying the
// app see the broadcasts it sent, move them through pending → sent → delivered → read or fail
// them (each move sends the note's broadcast-status webhook), write as a customer (the
// customer-message webhook), answer as a Qontak agent (the agent-message webhook), see the
// registered webhook, and make every access token expire to watch the app renew it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBody, sendBytes, sendJson, summariseRequests, type RecordedRequest } from '../http';
import { BROADCAST_STATUSES, type BroadcastStatus, type LogEntryRecord } from './model';
import type { WebhookSettings } from './interactions';
import type { Credentials } from './routes';
import type { RoomRecord } from './webhooks';

export interface ControlTarget {
  readonly requests: RecordedRequest[];
  credentials(): Credentials;
  broadcasts(): (LogEntryRecord & { templateName: string })[];
  setBroadcastStatus(id: string, status: BroadcastStatus, error?: string): void;
  expireAllTokens(): void;
  tokensIssued(): number;
  webhook(): WebhookSettings;
  rooms(): RoomRecord[];
  customerMessage(m: { phone: string; name: string; text: string }): Promise<number | null>;
  agentMessage(m: { phone: string; text: string; status?: string }): Promise<number | null>;
}

const need = (body: Record<string, unknown>, keys: string[]): Record<string, string> => {
  const missing = keys.filter((k) => typeof body[k] !== 'string' || !(body[k] as string).trim());
  if (missing.length) throw new Error(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`);
  return Object.fromEntries(keys.map((k) => [k, (body[k] as string).trim()]));
};

/** Handles /_sim and /_sim/* (the caller routes only those paths here). */
export async function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method} ${path.replace(/\/$/, '') || '/'}`;
  try {
    switch (route) {
      case 'GET /_sim':
        return sendBytes(res, 200, 'text/html; charset=utf-8', PAGE);
      case 'GET /_sim/state':
        return sendJson(res, 200, { broadcasts: target.broadcasts(), tokensIssued: target.tokensIssued(), requestCount: target.requests.length, webhook: target.webhook(), rooms: target.rooms() });
      case 'GET /_sim/requests':
        return sendJson(res, 200, summariseRequests(target.requests));
      case 'POST /_sim/status': {
        const body = await controlBody(req);
        const status = body.status as BroadcastStatus;
        if (typeof body.broadcastId !== 'string' || !BROADCAST_STATUSES.includes(status)) throw new Error(`broadcastId and a status (${BROADCAST_STATUSES.join(', ')}) are required`);
        target.setBroadcastStatus(body.broadcastId, status, typeof body.error === 'string' && body.error.trim() ? body.error.trim() : undefined);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /_sim/customer-message': {
        const b = need(await controlBody(req), ['phone', 'name', 'text']);
        const status = await target.customerMessage({ phone: b.phone!.replace(/\D/g, ''), name: b.name!, text: b.text! });
        return sendJson(res, 200, { ok: true, delivered: status });
      }
      case 'POST /_sim/agent-message': {
        const body = await controlBody(req);
        const b = need(body, ['phone', 'text']);
        const status = await target.agentMessage({ phone: b.phone!.replace(/\D/g, ''), text: b.text!, status: typeof body.status === 'string' ? body.status : undefined });
        return sendJson(res, 200, { ok: true, delivered: status });
      }
      case 'POST /_sim/expire-tokens':
        target.expireAllTokens();
        return sendJson(res, 200, { ok: true });
      default:
        return sendJson(res, 404, { ok: false, error: `Cannot ${req.method} ${path}` });
    }
  } catch (err) {
    sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Qontak Hub simulator</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;max-width:980px;color:#222}
h1{font-size:20px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left}
code{background:#f3f3f3;padding:1px 4px}button{padding:4px 10px;cursor:pointer;margin-right:4px}#log{white-space:pre-wrap;background:#f7f7f7;padding:8px;min-height:2em}
</style></head><body>
<h1>Qontak Hub simulator</h1>
<p>Template broadcasts the app sent appear below. Move each one along as WhatsApp would; the app reads the status from the broadcast log.</p>
<p><button id="expire">Expire all access tokens</button> <span id="tokens"></span></p>
<p>Webhook: <span id="hook">not registered</span></p>
<form id="customer"><b>A customer writes</b> <input name="phone" placeholder="628117661000" size="14"> <input name="name" placeholder="Name" size="12"> <input name="text" placeholder="Message" size="30"> <button>Send as customer</button></form>
<form id="agent"><b>An agent answers in Qontak</b> <input name="phone" placeholder="628117661000" size="14"> <input name="text" placeholder="Message" size="30"> <select name="status"><option>sent</option><option>delivered</option><option>read</option></select> <button>Send as agent</button></form>
<table><thead><tr><th>Broadcast</th><th>To</th><th>Template</th><th>Status</th><th></th></tr></thead><tbody id="rows"><tr><td colspan="5">Loading…</td></tr></tbody></table>
<h3>Result</h3><div id="log"></div>
<p><a href="/_sim/requests">Recorded API requests (JSON)</a></p>
<script>
const log = (t) => { document.getElementById('log').textContent = t; };
const post = async (path, body) => {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  return r.json();
};
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
async function refresh() {
  const s = await (await fetch('/_sim/state')).json();
  document.getElementById('tokens').textContent = s.tokensIssued + ' token(s) issued so far';
  const w = s.webhook;
  document.getElementById('hook').textContent = w.url ? w.url + ' (customer ' + w.receive_message_from_customer + ', agent ' + w.receive_message_from_agent + ', status ' + w.status_message + ')' : 'not registered yet';
  const rows = document.getElementById('rows');
  rows.innerHTML = s.broadcasts.length ? '' : '<tr><td colspan="5"><i>No broadcasts yet.</i></td></tr>';
  for (const b of s.broadcasts) {
    const tr = document.createElement('tr');
    const buttons = ['sent', 'delivered', 'read', 'failed'].map((st) => '<button data-id="' + esc(b.messages_broadcast_id) + '" data-status="' + st + '">' + st + '</button>').join('');
    tr.innerHTML = '<td><code>' + esc(b.messages_broadcast_id) + '</code></td><td>' + esc(b.contact_phone_number) + ' (' + esc(b.contact_full_name) + ')</td><td>' + esc(b.templateName) +
      '</td><td><b>' + esc(b.status) + '</b>' + (b.whatsapp_error_message ? '<br>' + esc(b.whatsapp_error_message) : '') + '</td><td>' + buttons + '</td>';
    rows.appendChild(tr);
  }
}
document.getElementById('rows').addEventListener('click', async (e) => {
  const id = e.target.getAttribute && e.target.getAttribute('data-id');
  if (!id) return;
  const status = e.target.getAttribute('data-status');
  const error = status === 'failed' ? prompt('Failure reason', 'Message failed to send because the recipient is not a WhatsApp user') : undefined;
  const r = await post('/_sim/status', { broadcastId: id, status, error });
  log(r.ok ? id + ' is now ' + status : 'Error: ' + r.error);
  refresh();
});
for (const id of ['customer', 'agent']) {
  document.getElementById(id).addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await post('/_sim/' + id + '-message', Object.fromEntries(new FormData(e.target)));
    log(r.ok ? 'Webhook sent' + (r.delivered === null ? ' — no: nothing registered for it' : ', the app answered HTTP ' + r.delivered) : 'Error: ' + r.error);
    refresh();
  });
}
document.getElementById('expire').addEventListener('click', async () => {
  const r = await post('/_sim/expire-tokens');
  log(r.ok ? 'Every access token has expired; the app must renew.' : 'Error: ' + r.error);
  refresh();
});
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
