// Schema 6: what Qontak Hub needs for header/button templates and room replies.
// - templates keep the header's format (TEXT/IMAGE/VIDEO/DOCUMENT) and the buttons (JSON), which
//   decide the extra values a send needs (shared/template-inputs.ts);
// - threads keep the provider's conversation handle from the last inbound message (Qontak room
//   id) and when the customer wrote, so a reply within WhatsApp's 24-hour window can go into the
//   room as free text instead of a template.
export const name = 'qontak_templates_rooms';
export const sql = `
ALTER TABLE templates ADD COLUMN header_format TEXT;
ALTER TABLE templates ADD COLUMN buttons TEXT;
ALTER TABLE threads ADD COLUMN conversation_ref TEXT;
ALTER TABLE threads ADD COLUMN conversation_ref_at INTEGER;
`;
