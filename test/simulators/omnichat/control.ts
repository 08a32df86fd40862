// The simulator's own control page (not part of the Omnichat API, no auth). It plays Omnichat's
// dashboard for a person trying the app: paste the webhook URL on a device, set its auto-reply,
// add templates, and send customer messages to the webhook.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBody, sendBytes, sendJson, summariseRequests, type RecordedRequest } from '../http';
import type { Device, SentMessage, Template } from './api';
import type { CallbackMessage, CustomerMessage, WebhookDelivery } from './webhook';

export interface ControlTarget {
  readonly apiKey: string;
  readonly devices: Device[];
  readonly templates: Template[];
  readonly sent: readonly SentMessage[];
  readonly requests: RecordedRequest[];
  readonly webhookDeliveries: WebhookDelivery[];
  setDeviceWebhook(deviceKey: string, url: string | null): void;
  setAutoReply(deviceKey: string, text: string | null): void;
  setDeviceConnected(deviceKey: string, connected: boolean): void;
  addTemplate(template: { id?: string; body: string }): Template;
  sendCustomerMessage(msg: CustomerMessage): Promise<number>;
  sendCallbackMessage(msg: CallbackMessage): Promise<number>;
  redeliverLast(): Promise<number>;
}

/** Handles /_sim and /_sim/* (the caller routes only those paths here). */
export async function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method} ${path.replace(/\/$/, '') || '/'}`;
  try {
    switch (route) {
      case 'GET /_sim':
        return sendBytes(res, 200, 'text/html; charset=utf-8', PAGE);
      case 'GET /_sim/state':
        return sendJson(res, 200, {
          apiKey: target.apiKey,
          devices: target.devices,
          templates: target.templates,
          sent: target.sent.slice(-20),
          webhooks: target.webhookDeliveries.slice(-10),
          requestCount: target.requests.length,
        });
      case 'GET /_sim/requests':
        return sendJson(res, 200, summariseRequests(target.requests));
      case 'GET /_sim/webhooks':
        return sendJson(res, 200, target.webhookDeliveries);
      case 'POST /_sim/device': {
        const body = await controlBody(req);
        const key = required(body.deviceKey, 'deviceKey');
        if (typeof body.webhookUrl === 'string') target.setDeviceWebhook(key, body.webhookUrl);
        if (typeof body.autoReply === 'string') target.setAutoReply(key, body.autoReply);
        if (typeof body.connected === 'boolean') target.setDeviceConnected(key, body.connected);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /_sim/template': {
        const body = await controlBody(req);
        const id = typeof body.id === 'string' && body.id.trim() !== '' ? body.id.trim() : undefined;
        return sendJson(res, 200, { ok: true, template: target.addTemplate({ id, body: required(body.body, 'body') }) });
      }
      case 'POST /_sim/redeliver':
        return sendJson(res, 200, { ok: true, webhookStatus: await target.redeliverLast() });
      case 'POST /_sim/inbound': {
        const body = await controlBody(req);
        if (body.shape === 'callback') {
          const status = await target.sendCallbackMessage({
            deviceKey: required(body.deviceKey, 'deviceKey'),
            from: required(body.from, 'from (the sender number)'),
            fromName: required(body.name, 'name'),
            message: required(body.message, 'message'),
            type: typeof body.type === 'string' && body.type !== '' ? body.type : 'single',
          });
          return sendJson(res, 200, { ok: true, webhookStatus: status });
        }
        const status = await target.sendCustomerMessage({
          deviceKey: required(body.deviceKey, 'deviceKey'),
          name: required(body.name, 'name'),
          message: required(body.message, 'message'),
          type: typeof body.type === 'string' && body.type !== '' ? body.type : 'single',
        });
        return sendJson(res, 200, { ok: true, webhookStatus: status });
      }
      default:
        return sendJson(res, 404, { ok: false, error: `Cannot ${req.method} ${path}` });
    }
  } catch (err) {
    sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

function required(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Omnichat simulator</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;max-width:960px;color:#222}
h1{font-size:20px}.card{border:1px solid #ccc;border-radius:8px;padding:12px;margin:12px 0}
code{background:#f3f3f3;padding:1px 4px}form{display:grid;grid-template-columns:140px 1fr;gap:6px 12px;max-width:640px}
button{padding:6px 12px;cursor:pointer}#log{white-space:pre-wrap;background:#f7f7f7;padding:8px;min-height:2em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
</style></head><body>
<h1>Omnichat.id simulator</h1>
<p>API key <code id="apiKey"></code>. Paste Switchboard's webhook URL into a device below, as you would in Omnichat's dashboard.</p>
<div id="devices">Loading…</div>
<h2>Send a customer message</h2>
<form id="inbound">
<label>Device</label><select name="deviceKey" class="deviceSelect"></select>
<label>Sender name</label><input name="name" value="Budi Santoso" required>
<label>Type</label><select name="type"><option>single</option><option>group</option></select>
<label>Message</label><textarea name="message" rows="3" required>Halo, tokonya buka hari ini?</textarea>
<label>Shape</label><select name="shape"><option value="sample">Webhook Sample (name only, no number or id)</option><option value="callback">Message Callback body, relayed (number and id)</option></select>
<label>Sender number</label><input name="from" value="6281290641111" placeholder="for the callback shape">
<span></span><span><button type="submit">Send to webhook</button> <button type="button" id="again">Deliver the last one again</button></span>
</form>
<h2>Templates</h2><div id="templates"></div>
<form id="template">
<label>Id (optional)</label><input name="id">
<label>Body</label><input name="body" value="Halo {name}, pesanan Anda dari {business_name} sudah dikirim." required>
<span></span><button type="submit">Add template</button>
</form>
<h3>Result</h3><div id="log"></div>
<h2>Sent by Omnichat</h2><table id="sent"></table>
<p><a href="/_sim/requests">Recorded API requests (JSON)</a> · <a href="/_sim/webhooks">Webhook deliveries (JSON)</a></p>
<script>
const log = (t) => { document.getElementById('log').textContent = t; };
const post = async (path, body) => {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
};
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
let editing = false;
async function refresh() {
  const s = await (await fetch('/_sim/state')).json();
  document.getElementById('apiKey').textContent = s.apiKey;
  if (!editing) {
    document.getElementById('devices').innerHTML = s.devices.map((d) =>
      '<div class="card"><div>device key <code>' + esc(d.deviceKey) + '</code> · ' + (d.connected ? 'connected' : '<b>disconnected</b>') + '</div>' +
      '<form data-device="' + esc(d.deviceKey) + '"><label>Webhook URL</label><input name="webhookUrl" value="' + esc(d.webhookUrl) + '" placeholder="https://…">' +
      '<label>Auto-reply</label><input name="autoReply" value="' + esc(d.autoReply) + '" placeholder="(none)">' +
      '<label>Connected</label><input type="checkbox" name="connected"' + (d.connected ? ' checked' : '') + '>' +
      '<span></span><button type="submit">Save device</button></form></div>').join('');
  }
  for (const sel of document.querySelectorAll('.deviceSelect')) {
    const cur = sel.value;
    sel.innerHTML = s.devices.map((d) => '<option value="' + esc(d.deviceKey) + '">' + esc(d.deviceKey) + '</option>').join('');
    if (cur) sel.value = cur;
  }
  document.getElementById('templates').innerHTML = s.templates.length ? '<table>' + s.templates.map((t) => '<tr><td><code>' + esc(t.id) + '</code></td><td>' + esc(t.body) + '</td></tr>').join('') + '</table>' : '<p><i>No templates yet.</i></p>';
  document.getElementById('sent').innerHTML = '<tr><th>To</th><th>Method</th><th>Text</th></tr>' + s.sent.slice().reverse().map((m) => '<tr><td>' + esc(m.phone) + (m.isGroup ? ' (group)' : '') + '</td><td>' + esc(m.method) + '</td><td>' + esc(m.text) + '</td></tr>').join('');
}
document.getElementById('devices').addEventListener('focusin', () => { editing = true; });
document.getElementById('devices').addEventListener('focusout', () => { editing = false; });
document.getElementById('devices').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const r = await post('/_sim/device', { deviceKey: e.target.getAttribute('data-device'), webhookUrl: f.get('webhookUrl'), autoReply: f.get('autoReply'), connected: f.get('connected') === 'on' });
  editing = false;
  log(r.ok ? 'Device saved.' : 'Error: ' + r.error);
  refresh();
});
document.getElementById('inbound').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/inbound', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Delivered; the app answered HTTP ' + r.webhookStatus : 'Error: ' + r.error);
  refresh();
});
document.getElementById('again').addEventListener('click', async () => {
  const r = await post('/_sim/redeliver', {});
  log(r.ok ? 'Delivered again; the app answered HTTP ' + r.webhookStatus : 'Error: ' + r.error);
});
document.getElementById('template').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/template', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Template added: ' + r.template.id : 'Error: ' + r.error);
  refresh();
});
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
