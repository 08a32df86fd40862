// The simulator's own control page (not part of the provider API, no auth): lets a person trying the
// app "scan" an instance's QR, pick the engine an instance runs, and send each webhook shape of the
// reference note: a customer's text, group text, image, document, location or contact (open-wa
// onMessage/onAnyMessage or Baileys `message`), a message typed on the phone (open-wa
// onAnyMessage, fromMe), and receipts for sent messages (open-wa onAck 2 delivered, 3 read,
// 4 played, -1 error). Baileys `connection` events go out on scan and logout.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBody, sendBytes, sendJson, summariseRequests, type RecordedRequest } from '../http';
import { type CustomerMessage, type Engine, ENGINES, type SentMessage, type WebhookDelivery } from './webhook';
import { qrDataUrl } from './qr';

export interface ControlInstance {
  id: string;
  sessionId: string;
  status: string;
  phone: string | null;
  name: string | null;
  webhookUrl: string | null;
  webhookEvents: string[];
  engine: Engine;
  qr: string | null;
  qrExpiresAt: number | null;
}

export interface ControlTarget {
  controlInstances(): ControlInstance[];
  scan(sessionId: string, phone?: string, name?: string): void;
  sendCustomerMessage(msg: CustomerMessage): Promise<number>;
  readonly requests: RecordedRequest[];
  readonly webhookDeliveries: WebhookDelivery[];
  readonly sent: readonly SentMessage[];
  setEngine(sessionId: string, engine: Engine): void;
  sendFromPhone(sessionId: string, to: string, text: string): Promise<SentMessage>;
  ack(id: string, level: -1 | 0 | 1 | 2 | 3 | 4): Promise<number>;
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
        return sendJson(res, 200, { ok: true, webhookStatus: await target.sendCustomerMessage(customerMessage(body)) });
      }
      case 'POST /_sim/engine': {
        const body = await controlBody(req);
        const engine = body.engine as Engine;
        if (!ENGINES.includes(engine)) throw new Error(`engine must be one of ${ENGINES.join(', ')}`);
        target.setEngine(text(body.sessionId), engine);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /_sim/phone': {
        const body = await controlBody(req);
        const sent = await target.sendFromPhone(text(body.sessionId), text(body.to), text(body.text));
        return sendJson(res, 200, { ok: true, id: sent.id });
      }
      case 'POST /_sim/ack': {
        const body = await controlBody(req);
        const level = Number(body.ack);
        if (![-1, 0, 1, 2, 3, 4].includes(level)) throw new Error('ack must be -1, 0, 1, 2, 3 or 4');
        return sendJson(res, 200, { ok: true, webhookStatus: await target.ack(text(body.id), level as 2) });
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
  return { instances, sent: target.sent.slice(-20), requestCount: target.requests.length, webhooks: target.webhookDeliveries.slice(-10) };
}

/** One of the note's message shapes, from the form: text, group text, image, document, location, contact. */
function customerMessage(body: Record<string, unknown>): CustomerMessage {
  const base: CustomerMessage = { sessionId: text(body.sessionId), from: text(body.from), pushName: optional(body.pushName), groupId: optional(body.groupId), groupName: optional(body.groupName) };
  const words = optional(body.text);
  switch (optional(body.shape) ?? 'text') {
    case 'image':
      return { ...base, media: { kind: 'image', url: text(body.url), mimetype: optional(body.mimetype) ?? 'image/jpeg', caption: words } };
    case 'document':
      return { ...base, media: { kind: 'document', url: text(body.url), mimetype: optional(body.mimetype) ?? 'application/pdf', fileName: optional(body.fileName) ?? 'document.pdf', caption: words } };
    case 'location':
      return { ...base, location: { lat: Number(body.lat), lng: Number(body.lng), name: words } };
    case 'contact':
      return { ...base, contact: { fullName: words ?? 'Contact', phone: text(body.contactPhone) } };
    default:
      return { ...base, text: words ?? '' };
  }
}

function text(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error('A required field is empty (instance, from, to, id, url or text)');
  return value.trim();
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
<label>Instance</label><select name="sessionId" class="sessionSelect"></select>
<label>Shape</label><select name="shape"><option value="text">Text</option><option value="image">Image by URL</option><option value="document">Document by URL</option><option value="location">Location</option><option value="contact">Contact card</option></select>
<label>From (digits)</label><input name="from" value="2348012345678" required>
<label>Push name</label><input name="pushName" value="Ada Customer">
<label>Group id (optional)</label><input name="groupId" placeholder="120363012345678901">
<label>Group name</label><input name="groupName" placeholder="Family shop">
<label>Text / caption / place / contact name</label><textarea name="text" rows="3">Hello, is this shop open today?</textarea>
<label>File URL</label><input name="url" placeholder="https://example.com/photo.jpg">
<label>Mimetype</label><input name="mimetype" placeholder="image/jpeg">
<label>File name</label><input name="fileName" placeholder="invoice.pdf">
<label>Latitude, longitude</label><span><input name="lat" value="6.5244" size="8"> <input name="lng" value="3.3792" size="8"></span>
<label>Contact phone</label><input name="contactPhone" value="2348099999999">
<span></span><button type="submit">Send to webhook</button>
</form>
<h2>The phone's owner types a message (open-wa onAnyMessage)</h2>
<form id="phone">
<label>Instance</label><select name="sessionId" class="sessionSelect"></select>
<label>To (digits or group id)</label><input name="to" value="2348012345678" required>
<label>Text</label><input name="text" value="Typed on the phone" required>
<span></span><button type="submit">Send from the phone</button>
</form>
<h2>Sent messages and receipts (open-wa onAck)</h2>
<div id="sent"></div>
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
      '<div>engine <b>' + esc(i.engine) + '</b> ' + ['open-wa', 'baileys'].map((x) => '<button data-engine="' + x + '" data-session="' + esc(i.sessionId) + '">' + x + '</button>').join(' ') + '</div>' +
      (i.qr ? '<p><button data-scan="' + esc(i.sessionId) + '">Scan QR</button></p>' : '') + '</div>';
    box.appendChild(div);
  }
  for (const select of document.querySelectorAll('.sessionSelect')) {
    const current = select.value;
    select.innerHTML = s.instances.map((i) => '<option value="' + esc(i.sessionId) + '">' + esc(i.sessionId) + ' (' + esc(i.status) + ', ' + esc(i.engine) + ')</option>').join('');
    if (current) select.value = current;
  }
  document.getElementById('sent').innerHTML = s.sent.length ? s.sent.slice().reverse().map((m) =>
    '<div>' + esc(m.id) + ' → ' + esc(m.jid) + ' “' + esc(m.text) + '” ack ' + esc(m.ack) + ' ' +
    [[2, 'Delivered'], [3, 'Read'], [4, 'Played'], [-1, 'Error']].map(([a, l]) => '<button data-ack="' + a + '" data-id="' + esc(m.id) + '">' + l + '</button>').join(' ') + '</div>').join('') : '<p><i>Nothing sent yet.</i></p>';
}
document.getElementById('instances').addEventListener('click', async (e) => {
  const engine = e.target.getAttribute && e.target.getAttribute('data-engine');
  if (engine) {
    const r = await post('/_sim/engine', { sessionId: e.target.getAttribute('data-session'), engine });
    log(r.ok ? 'Engine is now ' + engine : 'Error: ' + r.error);
    return refresh();
  }
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
document.getElementById('phone').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/phone', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Sent from the phone as ' + r.id : 'Error: ' + r.error);
  refresh();
});
document.getElementById('sent').addEventListener('click', async (e) => {
  const ack = e.target.getAttribute && e.target.getAttribute('data-ack');
  if (!ack) return;
  const r = await post('/_sim/ack', { id: e.target.getAttribute('data-id'), ack: Number(ack) });
  log(r.ok ? 'Receipt posted; the app answered HTTP ' + r.webhookStatus : 'Error: ' + r.error);
  refresh();
});
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
