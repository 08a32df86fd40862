// Schema 10. A broadcast recipient who never answered is not a conversation. Threads and contacts a
// broadcast created carry broadcast_only = 1 until the customer writes (or the operator starts a
// conversation with them), and stay out of the conversation list and the contact picker meanwhile;
// search and the campaign report still reach them. Existing data is classified the same way: a
// thread whose only messages are campaign messages, and the contacts that only such threads have.
// Also: a message withdrawn before it left gets its own status, cancelled (see the UPDATE below).
export const name = 'broadcast_only';
export const sql = `
ALTER TABLE threads ADD COLUMN broadcast_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN broadcast_only INTEGER NOT NULL DEFAULT 0;
UPDATE threads SET broadcast_only = 1
 WHERE EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id)
   AND NOT EXISTS (
     SELECT 1 FROM messages m WHERE m.thread_id = threads.id
        AND (m.direction = 'in' OR NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.message_id = m.id)));
UPDATE contacts SET broadcast_only = 1
 WHERE EXISTS (SELECT 1 FROM threads t WHERE t.account_id = contacts.account_id AND t.peer_id = contacts.chat_id AND t.broadcast_only = 1)
   AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.account_id = contacts.account_id AND t.peer_id = contacts.chat_id AND t.broadcast_only = 0);
-- Schema 8's page indexes, over conversations only, so thousands of unanswered recipients cost
-- the list nothing (the list's WHERE names broadcast_only = 0 so these partial indexes apply).
CREATE INDEX threads_listed ON threads (last_at, id) WHERE broadcast_only = 0;
CREATE INDEX threads_listed_unread ON threads ((unread > 0), last_at, id) WHERE broadcast_only = 0;
CREATE INDEX threads_listed_account ON threads (account_id, last_at, id) WHERE broadcast_only = 0;
CREATE INDEX threads_listed_account_unread ON threads (account_id, (unread > 0), last_at, id) WHERE broadcast_only = 0;
-- Messages withdrawn before they left were stored as failed; cancelled is their own state now,
-- so the Outbox stops offering to retry them.
UPDATE messages SET status = 'cancelled' WHERE status = 'failed' AND error = 'Cancelled by you before it was sent.';
-- Picked contacts' names are looked up by number across accounts.
CREATE INDEX contacts_by_phone ON contacts (phone);
`;
