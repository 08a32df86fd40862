// Qontak Hub list items as they arrive. Only ids and names are required: one odd item (a media
// header we can't read, a missing category) must not hide the rest of the list, so the other fields fall
// back to null when they are not what the doc shows, and an item without an id is skipped.
import { z } from 'zod';
import type { TemplateButtonInfo, TemplateInfo } from '../types';

const text = z.string().nullable().optional().catch(null);

const Integration = z.object({
  id: z.string().min(1),
  target_channel: text,
  settings: z.object({ account_name: text, server_wa_id: text }).nullable().optional().catch(null),
});
export type Integration = z.infer<typeof Integration>;

export function parseIntegration(item: unknown): Integration | null {
  const r = Integration.safeParse(item);
  return r.success ? r.data : null;
}

// A template's header is null, a text, or an object for media headers. The note lists the item as
// `{…, header, body, footer, buttons:[{url,text,type:"URL",example}], …}` without the header
// object's fields; we read its kind from `format` (the word the note's send parameters use, with
// IMAGE/VIDEO/DOCUMENT) or `type`, and its text from `text`. A bare string is a TEXT header.
const Header = z
  .union([z.string(), z.object({ format: text, type: text, text: text }).passthrough()])
  .nullable()
  .optional()
  .catch(null);

const Button = z.object({ type: text, text: text, url: text }).passthrough();

const Template = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  language: text,
  header: Header,
  body: text,
  footer: text,
  buttons: z.array(z.unknown()).nullable().optional().catch(null),
  status: text,
  category: text,
});

function headerOf(h: z.infer<typeof Header>): { text: string | null; format: string | null } {
  if (h == null) return { text: null, format: null };
  if (typeof h === 'string') return h.trim() ? { text: h, format: 'TEXT' } : { text: null, format: null };
  const format = (h.format ?? h.type)?.toUpperCase() || (h.text ? 'TEXT' : null);
  return { text: h.text ?? null, format };
}

/** Buttons as listed; an odd entry is skipped, but keeps its place so indexes stay the Hub's. */
function buttonsOf(list: unknown[] | null | undefined): TemplateButtonInfo[] {
  return (list ?? []).map((item) => {
    const r = Button.safeParse(item);
    const b = r.success ? r.data : { type: null, text: null, url: null };
    return { type: (b.type ?? '').toUpperCase(), text: b.text ?? '', url: b.url ?? null };
  });
}

export function parseTemplate(item: unknown): TemplateInfo | null {
  const r = Template.safeParse(item);
  if (!r.success) return null;
  const t = r.data;
  const header = headerOf(t.header);
  return {
    id: t.id,
    name: t.name,
    language: t.language ?? null,
    header: header.text,
    headerFormat: header.format,
    buttons: buttonsOf(t.buttons),
    body: t.body ?? '',
    footer: t.footer ?? null,
    status: t.status ?? null,
    category: t.category ?? null,
  };
}

const LogEntry = z.object({
  id: text,
  status: z.string(),
  contact_phone_number: text,
  whatsapp_error_message: text,
  created_at: text,
  updated_at: text,
});
export type LogEntry = z.infer<typeof LogEntry>;

/** The broadcast log's entries, whether `data` is a list (as we assume) or one object. */
export function logEntries(data: unknown): LogEntry[] {
  const items = Array.isArray(data) ? data : data ? [data] : [];
  return items.flatMap((item) => {
    const r = LogEntry.safeParse(item);
    return r.success ? [r.data] : [];
  });
}
