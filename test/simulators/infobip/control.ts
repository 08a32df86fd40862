// The simulator's own control page (not part of the Infobip API, no auth): lets a person trying the
// app decide what happened to each sent message (delivery report, seen report, both in one batch)
// and send each customer message shape the notes give (text, location, image with or without
// caption, list reply, button reply, two results in one post).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBody, sendBytes, sendJson, summariseRequests, type RecordedRequest } from '../http';
import { type Channel, type DeliverSpec, OUTCOMES, type Report, type Scenario, type SentMessage } from './omni';
import type { InboundContent, InboundSpec } from './webhooks';

export interface ControlTarget {
  readonly requests: RecordedRequest[];
  readonly sent: SentMessage[];
  readonly scenarios: Scenario[];
  readonly pendingReports: unknown[];
  readonly pushes: unknown[];
  reportsUrl: string | null;
  inboundUrl: string | null;
  sendInbound(specs: InboundSpec | InboundSpec[]): Promise<number>;
  seen(messageId: string): Promise<Record<string, unknown>>;
  pushMixed(deliveredId: string, seenId: string): Promise<unknown>;
  deliver(messageId: string, spec: DeliverSpec): Promise<Report>;
  failoverToSms(messageId: string, opts?: { reportEachStep?: boolean }): Promise<Report[]>;
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
          scenarios: target.scenarios,
          sent: target.sent.slice(-50).reverse(),
          pendingReports: target.pendingReports.length,
          reportsUrl: target.reportsUrl,
          inboundUrl: target.inboundUrl,
          pushes: target.pushes.slice(-10),
        });
      case 'GET /_sim/requests':
        return sendJson(res, 200, summariseRequests(target.requests));
      case 'POST /_sim/deliver': {
        const body = await controlBody(req);
        const id = text(body.messageId, 'messageId');
        const outcome = text(body.outcome, 'outcome');
        if (outcome === 'failover') return sendJson(res, 200, { ok: true, reports: await target.failoverToSms(id) });
        if (outcome === 'seen') return sendJson(res, 200, { ok: true, reports: [await target.seen(id)] });
        if (outcome === 'mixed') return sendJson(res, 200, { ok: true, reports: await target.pushMixed(id, id) });
        const preset = OUTCOMES[outcome];
        if (!preset) throw new Error(`outcome must be one of ${[...Object.keys(OUTCOMES), 'failover'].join(', ')}`);
        const channel: Channel = body.channel === 'SMS' ? 'SMS' : 'WHATSAPP';
        return sendJson(res, 200, { ok: true, reports: [await target.deliver(id, preset(channel))] });
      }
      case 'POST /_sim/inbound-url': {
        const body = await controlBody(req);
        const url = typeof body.url === 'string' && body.url.trim() ? body.url.trim() : null;
        if (url && !/^https?:\/\/\S+$/.test(url)) throw new Error('url must start with http:// or https://');
        target.inboundUrl = url;
        return sendJson(res, 200, { ok: true, inboundUrl: url });
      }
      case 'POST /_sim/inbound': {
        const body = await controlBody(req);
        const spec = (content: InboundContent): InboundSpec => ({ from: text(body.from, 'from'), to: typeof body.to === 'string' && body.to ? body.to : 'WhatsAppSender', name: typeof body.name === 'string' ? body.name : '', content });
        const specs = inboundSpecs(body, spec);
        return sendJson(res, 200, { ok: true, webhookStatus: await target.sendInbound(specs) });
      }
      case 'POST /_sim/reports-url': {
        const body = await controlBody(req);
        const url = typeof body.url === 'string' && body.url.trim() ? body.url.trim() : null;
        if (url && !/^https?:\/\/\S+$/.test(url)) throw new Error('url must start with http:// or https://');
        target.reportsUrl = url;
        return sendJson(res, 200, { ok: true, reportsUrl: url });
      }
      default:
        return sendJson(res, 404, { ok: false, error: `Cannot ${req.method} ${path}` });
    }
  } catch (err) {
    sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

/** The control form's fields → the inbound shape chosen (reference/infobip.md "Inbound message"). */
function inboundSpecs(body: Record<string, unknown>, spec: (c: InboundContent) => InboundSpec): InboundSpec[] {
  const t = typeof body.text === 'string' ? body.text : '';
  switch (body.type) {
    case 'TEXT':
      return [spec({ type: 'TEXT', text: text(t, 'text') })];
    case 'TWO_TEXTS':
      return [spec({ type: 'TEXT', text: text(t, 'text') }), spec({ type: 'TEXT', text: `${t} (again)` })];
    case 'LOCATION':
      return [spec({ type: 'LOCATION', latitude: Number(body.latitude ?? 40.748433333333), longitude: Number(body.longitude ?? -73.985655555556), name: t || 'Empire State Building', address: '350 5th Ave, New York, NY' })];
    case 'IMAGE':
      return [spec({ type: 'IMAGE', url: text(body.url, 'url'), ...(t ? { caption: t } : {}) })];
    case 'INTERACTIVE_LIST_REPLY':
      return [spec({ type: 'INTERACTIVE_LIST_REPLY', id: 'row_1', title: text(t, 'text') })];
    case 'INTERACTIVE_BUTTON_REPLY':
      return [spec({ type: 'INTERACTIVE_BUTTON_REPLY', id: '1', title: text(t, 'text') })];
    default:
      throw new Error('type must be TEXT, TWO_TEXTS, LOCATION, IMAGE, INTERACTIVE_LIST_REPLY or INTERACTIVE_BUTTON_REPLY');
  }
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Infobip OMNI simulator</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;max-width:1040px;color:#222}
h1{font-size:20px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}
code{background:#f3f3f3;padding:1px 4px}button{margin:2px;padding:4px 8px;cursor:pointer}#log{white-space:pre-wrap;background:#f7f7f7;padding:8px;min-height:2em}
</style></head><body>
<h1>Infobip OMNI simulator</h1>
<p>Messages sent through <code>POST /omni/1/advanced</code> appear below. Choose what happened to each; the report waits for
<code>GET /omni/1/reports</code> (pending: <b id="pending">0</b>), or is pushed to the report URL when one is set.</p>
<form id="push"><label>Report push URL <input name="url" size="60" placeholder="http://127.0.0.1:…/hooks/…"></label> <button>Save</button></form>
<form id="inurl"><label>Inbound message URL <input name="url" size="60" placeholder="the account's webhook URL"></label> <button>Save</button></form>
<h2>A customer writes</h2>
<form id="inbound">From <input name="from" value="385919998888" size="14"> name <input name="name" value="Frank" size="10">
<select name="type"><option>TEXT</option><option value="TWO_TEXTS">Two texts in one post</option><option>LOCATION</option><option>IMAGE</option><option value="INTERACTIVE_LIST_REPLY">List reply</option><option value="INTERACTIVE_BUTTON_REPLY">Button reply</option></select>
text/caption/title <input name="text" value="Hello, World!"> image URL <input name="url" placeholder="https://…/media/…"> <button>Send</button></form>
<h2>Sent messages</h2><table><thead><tr><th>To</th><th>Content</th><th>Outcome</th></tr></thead><tbody id="sent"></tbody></table>
<h2>Scenarios</h2><div id="scenarios"></div>
<h3>Result</h3><div id="log"></div>
<p><a href="/_sim/requests">Recorded API requests (JSON)</a> · <a href="/_sim/state">State (JSON)</a></p>
<script>
const log = (t) => { document.getElementById('log').textContent = t; };
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const post = async (path, body) => (await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
const OUT = [['seen','','Seen'],['mixed','','Delivered + seen, one batch'],['delivered','WHATSAPP','Delivered (WhatsApp)'],['operator','WHATSAPP','To operator only'],['undeliverable','WHATSAPP','Undeliverable'],['failover','','Failover → SMS delivered'],['expired','WHATSAPP','Expired'],['rejected','WHATSAPP','Rejected']];
async function refresh() {
  const s = await (await fetch('/_sim/state')).json();
  document.getElementById('pending').textContent = s.pendingReports;
  const push = document.querySelector('#push input');
  if (document.activeElement !== push) push.value = s.reportsUrl ?? '';
  const inurl = document.querySelector('#inurl input');
  if (document.activeElement !== inurl) inurl.value = s.inboundUrl ?? '';
  document.getElementById('sent').innerHTML = s.sent.length ? s.sent.map((m) => {
    const wa = m.whatsApp || {};
    const what = wa.templateName ? 'template ' + wa.templateName + ' ' + JSON.stringify(wa.templateData) : (wa.imageUrl ? 'image ' + wa.imageUrl + ' ' : '') + (wa.text ?? '');
    return '<tr><td>' + esc(m.to) + '<br><small><code>' + esc(m.messageId) + '</code></small></td><td>' + esc(what) + (m.sms ? '<br><small>SMS: ' + esc(m.sms.text) + '</small>' : '') + '</td><td>' +
      OUT.map(([o, c, label]) => '<button data-id="' + esc(m.messageId) + '" data-o="' + o + '" data-c="' + c + '">' + label + '</button>').join('') + '</td></tr>';
  }).join('') : '<tr><td colspan="3"><i>Nothing sent yet.</i></td></tr>';
  document.getElementById('scenarios').innerHTML = s.scenarios.map((x) => '<div><code>' + esc(x.key) + '</code> ' + esc(x.name) + (x.default ? ' (default)' : '') + ': ' + esc(x.flow.map((f) => f.channel + ' from ' + f.from).join(' → ')) + '</div>').join('') || '<i>No scenarios yet; create one from Switchboard.</i>';
}
document.getElementById('sent').addEventListener('click', async (e) => {
  const b = e.target.closest && e.target.closest('button');
  if (!b) return;
  const r = await post('/_sim/deliver', { messageId: b.dataset.id, outcome: b.dataset.o, channel: b.dataset.c || undefined });
  log(r.ok ? JSON.stringify(r.reports, null, 2) : 'Error: ' + r.error);
  refresh();
});
document.getElementById('inurl').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/inbound-url', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Customer messages now go to ' + (r.inboundUrl ?? 'nowhere') : 'Error: ' + r.error);
});
document.getElementById('inbound').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/inbound', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Delivered; the app answered HTTP ' + r.webhookStatus : 'Error: ' + r.error);
});
document.getElementById('push').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await post('/_sim/reports-url', Object.fromEntries(new FormData(e.target)));
  log(r.ok ? 'Reports now ' + (r.reportsUrl ? 'pushed to ' + r.reportsUrl : 'wait to be pulled') : 'Error: ' + r.error);
});
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
