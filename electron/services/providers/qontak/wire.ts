// Qontak Hub list items as they arrive. Only ids and names are required: one odd item (a media
// header object, a missing category) must not hide the rest of the list, so the other fields fall
// back to null when they are not what the doc shows, and an item without an id is skipped.
import { z } from 'zod';
import type { TemplateInfo } from '../types';

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

const Template = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  language: text,
  header: text,
  body: text,
  footer: text,
  status: text,
  category: text,
});

export function parseTemplate(item: unknown): TemplateInfo | null {
  const r = Template.safeParse(item);
  if (!r.success) return null;
  const t = r.data;
  return {
    id: t.id,
    name: t.name,
    language: t.language ?? null,
    header: t.header ?? null,
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
