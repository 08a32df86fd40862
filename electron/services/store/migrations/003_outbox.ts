// Schema 3: the durable outbox lives on the messages themselves — what to send (payload), how
// often it was tried, when to try next, and why it is waiting.
export const name = 'outbox';
export const sql = `
ALTER TABLE messages ADD COLUMN payload TEXT;
ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE messages ADD COLUMN waiting_reason TEXT;
CREATE INDEX messages_outbox_due ON messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX messages_unsettled ON messages (status) WHERE status IN ('sending', 'in_doubt');
CREATE INDEX messages_outbox_heads ON messages (account_id, created_at) WHERE status = 'queued';
`;
