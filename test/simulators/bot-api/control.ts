// The simulator's own control page (not part of the provider API, no auth): lets a person trying the
// app "scan" an instance's QR and send customer messages to its webhook.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBody, sendBytes, sendJson, summariseRequests, type RecordedRequest } from '../http';
import type { CustomerMessage, WebhookDelivery } from './webhook';
import { qrDataUrl } from './qr';

export interface ControlInstance {
  id: string;
  sessionId: string;
  status: string;
  phone: string | null;
  name: string | null;
  webhookUrl: string | null;
  webhookEvents: string[];
  qr: string | null;
  qrExpiresAt: number | null;
}

export interface ControlTarget {
  controlInstances(): ControlInstance[];
  scan(sessionId: string, phone?: string, name?: string): void;
  sendCustomerMessage(msg: CustomerMessage): Promise<number>;
  readonly requests: RecordedRequest[];
  readonly webhookDeliveries: WebhookDelivery[];
}

/** Handles /_sim and /_sim/* (the caller routes only those paths here). */
export async function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method} ${path.replace(/\/$/, '') || '/'}`;
  try {
    switch (route) {
      case 'GET /_sim':
        return sendBytes(res, 200, 'text/html; charset=utf-8', PAGE);
      case 'GET /_sim/state':
        return sendJson(res, 200, await state(target));
      case 'GET /_sim/requests':
        return sendJson(res, 200, summariseRequests(target.requests));
      case 'GET /_sim/webhooks':
        return sendJson(res, 200, target.webhookDeliveries);
      case 'POST /_sim/scan': {
        const body = await controlBody(req);
        target.scan(text(body.sessionId), optional(body.phone), optional(body.name));
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /_sim/inbound': {
        const body = await controlBody(req);
        const status = await target.sendCustomerMessage({
          sessionId: text(body.sessionId),
          from: text(body.from),
          text: optional(body.text),
          pushName: optional(body.pushName),
          groupId: optional(body.groupId),
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

async function state(target: ControlTarget): Promise<unknown> {
  const instances = await Promise.all(
    target.controlInstances().map(async (inst) => ({ ...inst, qrImage: inst.qr ? await qrDataUrl(inst.qr) : null })),
  );
  return { instances, requestCount: target.requests.length, webhooks: target.webhookDeliveries.slice(-10) };
}

function text(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new Error('sessionId and from must be non-empty strings');
  return value;
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bot API simulator</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;max-width:960px;color:#222}
h1{font-size:20px}.inst{border:1px solid #ccc;border-radius:8px;padding:12px;margin:12px 0;display:flex;gap:16px}
.inst img{width:180px;height:180px}.meta code{background:#f3f3f3;padding:1px 4px}
form{display:grid;grid-template-columns:140px 1fr;gap:6px 12px;max-width:560px}
button{padding:6px 12px;cursor:pointer}#log{white-space:pre-wrap;background:#f7f7f7;padding:8px;min-height:2em}
</style></head><body>
<h1>WhatsApp bot API simulator</h1>
<p>Instances created through the API appear below. Press <b>Scan QR</b> to pair a simulated phone.</p>
<div id="instances">Loading…</div>
<h2>Send a customer message</h2>
<form id="inbound">
<label>Instance</label><select name="sessionId" id="sessionSelect"></select>
<label>From (digits)</label><input name="from" value="2348012345678" required>
<label>Push name</label><input name="pushName" value="Ada Customer">
<label>Group id (optional)</label><input name="groupId" placeholder="120363012345678901">
<label>Text</label><textarea name="text" rows="3" required>Hello, is this shop open today?</textarea>
<span></span><button type="submit">Send to webhook</button>
</form>
<h3>Result</h3><div id="log"></div>
<p><a href="/_sim/requests">Recorded API requests (JSON)</a> · <a href="/_sim/webhooks">Webhook deliveries (JSON)</a></p>
<script>
const log = (t) => { document.getElementById('log').textContent = t; };
const post = async (path, body) => {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
};
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
async function refresh() {
  const s = await (await fetch('/_sim/state')).json();
  const box = document.getElementById('instances');
  box.innerHTML = s.instances.length ? '' : '<p><i>No instances yet.</i></p>';
  for (const i of s.instances) {
    const div = document.createElement('div');
    div.className = 'inst';
    div.innerHTML = (i.qrImage ? '<img alt="QR" src="' + i.qrImage + '">' : '') +
      '<div class="meta"><div>session <code>' + esc(i.sessionId) + '</code> · id <code>' + esc(i.id) + '</code></div>' +
      '<div>status <b>' + esc(i.status) + '</b>' + (i.phone ? ' · phone ' + esc(i.phone) + ' (' + esc(i.name) + ')' : '') + '</div>' +
      '<div>webhook ' + (i.webhookUrl ? '<code>' + esc(i.webhookUrl) + '</code> ' + esc(i.webhookEvents.join(', ')) : '<i>none</i>') + '</div>' +
      (i.qr ? '<p><button data-scan="' + esc(i.sessionId) + '">Scan QR</button></p>' : '') + '</div>';
    box.appendChild(div);
  }
  const select = document.getElementById('sessionSelect');
  const current = select.value;
  select.innerHTML = s.instances.map((i) => '<option value="' + esc(i.sessionId) + '">' + esc(i.sessionId) + ' (' + esc(i.status) + ')</option>').join('');
  if (current) select.value = current;
}
document.getElementById('instances').addEventListener('click', async (e) => {
  const id = e.target.getAttribute && e.target.getAttribute('data-scan');
  if (!id) return;
  const r = await post('/_sim/scan', { sessionId: id });
  log(r.ok ? 'Scanned: ' + id + ' is now connected.' : 'Error: ' + r.error);
  refresh();
});
document.getElementById('inbound').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/inbound', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Delivered; the app answered HTTP ' + r.webhookStatus : 'Error: ' + r.error);
  refresh();
});
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
