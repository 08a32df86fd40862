// The simulator's own control page (not part of the provider API, no auth): lets a person trying the
// app send customer and group messages to the registered webhook and log the phone out and in.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBody, sendBytes, sendJson, summariseRequests, type RecordedRequest } from '../http';
import type { SentMessage } from './actions';
import type { CustomerMessage, WebhookDelivery } from './webhook';

export interface ControlTarget {
  phones(): { wpNum: string; connected: boolean; webhookUrl: string | null }[];
  setConnected(connected: boolean, wpNum?: string): void;
  sendCustomerMessage(msg: CustomerMessage): Promise<number>;
  sendEngineEvent(msg: { from: string; to?: string; text: string; senderName?: string }): Promise<number>;
  readonly company: string;
  readonly requests: RecordedRequest[];
  readonly webhookDeliveries: WebhookDelivery[];
  readonly sent: readonly SentMessage[];
}

/** Handles /_sim and /_sim/* (the caller routes only those paths here). */
export async function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method} ${path.replace(/\/$/, '') || '/'}`;
  try {
    switch (route) {
      case 'GET /_sim':
        return sendBytes(res, 200, 'text/html; charset=utf-8', PAGE);
      case 'GET /_sim/state':
        return sendJson(res, 200, { company: target.company, phones: target.phones(), sent: target.sent.slice(-20), webhooks: target.webhookDeliveries.slice(-10), requestCount: target.requests.length });
      case 'GET /_sim/requests':
        return sendJson(res, 200, summariseRequests(target.requests));
      case 'POST /_sim/connection': {
        const body = await controlBody(req);
        target.setConnected(body.connected === true || body.connected === 'true', optional(body.wpNum));
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /_sim/inbound': {
        const body = await controlBody(req);
        if (body.shape === 'engine') {
          // reference/mconnect.md §3: the engine's own onMessage event (1:1 text only, as sampled).
          if (optional(body.groupId) || optional(body.image)) throw new Error('The engine event the notes give is a 1:1 text; clear the group id and image link.');
          const msg = { from: optional(body.from) ?? '', to: optional(body.to), text: optional(body.text) ?? '', senderName: optional(body.senderName) };
          return sendJson(res, 200, { ok: true, webhookStatus: await target.sendEngineEvent(msg) });
        }
        const groupId = optional(body.groupId);
        const msg: CustomerMessage = {
          from: optional(body.from) ?? '',
          to: optional(body.to),
          text: optional(body.text),
          image: optional(body.image),
          senderName: optional(body.senderName),
          avatarUrl: optional(body.avatarUrl) ?? null,
          group: groupId ? { id: groupId, name: optional(body.groupName) ?? 'Simulated group', icon: optional(body.groupIcon) ?? null } : undefined,
        };
        return sendJson(res, 200, { ok: true, webhookStatus: await target.sendCustomerMessage(msg) });
      }
      default:
        return sendJson(res, 404, { ok: false, error: `Cannot ${req.method} ${path}` });
    }
  } catch (err) {
    sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mconnect Omnichannel simulator</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;max-width:960px;color:#222}
h1{font-size:20px}code{background:#f3f3f3;padding:1px 4px}
form{display:grid;grid-template-columns:160px 1fr;gap:6px 12px;max-width:620px}
button{padding:6px 12px;cursor:pointer}pre{white-space:pre-wrap;background:#f7f7f7;padding:8px;min-height:2em}
</style></head><body>
<h1>mconnect Omnichannel simulator</h1>
<div id="phones">Loading…</div>
<h2>Send a customer message to the webhook</h2>
<form id="inbound">
<label>To (scanned number)</label><select name="to" id="toSelect"></select>
<label>From (customer digits)</label><input name="from" value="6281234567890" required>
<label>Sender name</label><input name="senderName" value="Ada Customer">
<label>Text</label><textarea name="text" rows="3">Hello, is the shop open today?</textarea>
<label>Image link (instead of text)</label><input name="image" placeholder="https://example.com/photo.jpeg">
<label>Group id (optional)</label><input name="groupId" placeholder="6582986675-1502710128">
<label>Group name</label><input name="groupName" value="Shop regulars">
<label>Shape</label><select name="shape"><option value="flat">mconnect's webhook (person/group, text/image)</option><option value="engine">The engine's onMessage event (person text)</option></select>
<span></span><button type="submit">Send to webhook</button>
</form>
<h3>Result</h3><pre id="log"></pre>
<h3>Sent by the phone (latest last)</h3><pre id="sent"></pre>
<p><a href="/_sim/requests">Recorded API requests (JSON)</a></p>
<script>
const log = (t) => { document.getElementById('log').textContent = t; };
const post = async (path, body) => (await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
async function refresh() {
  const s = await (await fetch('/_sim/state')).json();
  document.getElementById('phones').innerHTML = '<p>Company <code>' + esc(s.company) + '</code></p>' + s.phones.map((p) =>
    '<p>Number <code>' + esc(p.wpNum) + '</code> · ' + (p.connected ? 'connected' : '<b>logged out</b>') +
    ' · webhook ' + (p.webhookUrl ? '<code>' + esc(p.webhookUrl) + '</code>' : '<i>not set</i>') +
    ' <button data-num="' + esc(p.wpNum) + '" data-connected="' + (!p.connected) + '">' + (p.connected ? 'Log out' : 'Scan again') + '</button></p>').join('');
  const select = document.getElementById('toSelect');
  const current = select.value;
  select.innerHTML = s.phones.map((p) => '<option>' + esc(p.wpNum) + '</option>').join('');
  if (current) select.value = current;
  document.getElementById('sent').textContent = s.sent.map((m) => m.to + ' ← ' + m.from + (m.isGroup ? ' (group)' : '') + ': ' + (m.message ?? m.fileUrl + ' ' + m.caption)).join('\\n');
}
document.getElementById('phones').addEventListener('click', async (e) => {
  const num = e.target.getAttribute && e.target.getAttribute('data-num');
  if (!num) return;
  const r = await post('/_sim/connection', { wpNum: num, connected: e.target.getAttribute('data-connected') === 'true' });
  log(r.ok ? 'Done.' : 'Error: ' + r.error);
  refresh();
});
document.getElementById('inbound').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = Object.fromEntries(new FormData(e.target));
  if (body.image) delete body.text;
  const r = await post('/_sim/inbound', body);
  log(r.ok ? 'Delivered; the app answered HTTP ' + r.webhookStatus : 'Error: ' + r.error);
  refresh();
});
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
