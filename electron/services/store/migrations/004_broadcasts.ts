// Schema 4: template broadcast campaigns and their recipients. UNIQUE (campaign_id, phone) is the
// last word on "nobody twice in one campaign"; a recipient's message_id is written in the same
// transaction that queues its message, so a restart never hands a recipient over again.
export const name = 'broadcasts';
export const sql = `
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  template_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  variables TEXT NOT NULL DEFAULT '{}',
  error TEXT,
  scheduled_at INTEGER,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX campaigns_by_status ON campaigns (status);

CREATE TABLE campaign_recipients (
  id INTEGER PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  row INTEGER NOT NULL,
  phone TEXT NOT NULL,
  name TEXT,
  values_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled')),
  error TEXT,
  message_id TEXT,
  sent_at INTEGER,
  delivered_at INTEGER,
  read_at INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (campaign_id, phone)
);
-- Status counts, the next pending recipients in row order, and report pages by status.
CREATE INDEX campaign_recipients_by_status ON campaign_recipients (campaign_id, status, row);
CREATE INDEX campaign_recipients_by_row ON campaign_recipients (campaign_id, row);
-- A message's status change finds its recipient.
CREATE UNIQUE INDEX campaign_recipients_by_message ON campaign_recipients (message_id) WHERE message_id IS NOT NULL;
`;
