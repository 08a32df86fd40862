// Schema 2: what the other providers need — message channel/price/broadcast id and media,
// threads that cannot be answered, and templates.
export const name = 'providers';
export const sql = `
ALTER TABLE messages ADD COLUMN channel TEXT;
ALTER TABLE messages ADD COLUMN price_amount REAL;
ALTER TABLE messages ADD COLUMN price_currency TEXT;
ALTER TABLE messages ADD COLUMN broadcast_id TEXT;
ALTER TABLE messages ADD COLUMN media TEXT;
CREATE INDEX messages_by_broadcast_id ON messages (account_id, broadcast_id) WHERE broadcast_id IS NOT NULL;

ALTER TABLE threads ADD COLUMN replyable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE threads ADD COLUMN not_replyable_reason TEXT;
ALTER TABLE threads ADD COLUMN avatar_url TEXT;

CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider_template_id TEXT NOT NULL,
  name TEXT NOT NULL,
  language TEXT,
  namespace TEXT,
  header TEXT,
  body TEXT NOT NULL,
  footer TEXT,
  status TEXT,
  category TEXT,
  source TEXT NOT NULL CHECK (source IN ('synced', 'manual')),
  updated_at INTEGER NOT NULL,
  UNIQUE (account_id, provider_template_id, language)
);
`;
