// Schema 8: the inbox at scale.
// - Keyset paging: threads by (last_at, rowid), optionally per account or unread first; messages
//   by (thread_id, at, rowid) — the existing messages_by_thread index already ends in rowid.
// - Full-text search (FTS5, unicode61 with diacritics removed, prefix indexes for as-you-type) over
//   message text/captions and file names, and over conversation names and phone numbers. Both are
//   external-content indexes kept in step by triggers in the same transaction as the change.
// - Messages already stored are indexed after the upgrade in the background, newest first
//   (search/backfill.ts), with progress shown in the search box; `fts_backfill_below` in app_meta
//   is the rowid below which rows are not yet indexed, and the triggers leave those rows to it
//   (a rowid below it can be handed out again after the newest row is deleted, so even inserts there
//   are left to the backfill, which reads the row as it then is).
export const name = 'search';
export const sql = `
CREATE INDEX threads_page ON threads (last_at, id);
CREATE INDEX threads_page_unread ON threads ((unread > 0), last_at, id);
CREATE INDEX threads_page_account ON threads (account_id, last_at, id);
CREATE INDEX threads_page_account_unread ON threads (account_id, (unread > 0), last_at, id);

CREATE VIEW messages_search_source AS
  SELECT rowid AS rid, coalesce(text, '') AS body, coalesce(json_extract(media, '$.fileName'), '') AS file_name FROM messages;
CREATE VIRTUAL TABLE messages_fts USING fts5(
  body, file_name,
  content = 'messages_search_source', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

INSERT INTO app_meta (key, value) SELECT 'fts_backfill_below', CAST(m + 1 AS TEXT) FROM (SELECT max(rowid) m FROM messages) WHERE m IS NOT NULL;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
  WHEN new.rowid >= coalesce((SELECT CAST(value AS INTEGER) FROM app_meta WHERE key = 'fts_backfill_below'), 0)
BEGIN
  INSERT INTO messages_fts (rowid, body, file_name) VALUES (new.rowid, coalesce(new.text, ''), coalesce(json_extract(new.media, '$.fileName'), ''));
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
  WHEN old.rowid >= coalesce((SELECT CAST(value AS INTEGER) FROM app_meta WHERE key = 'fts_backfill_below'), 0)
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body, file_name) VALUES ('delete', old.rowid, coalesce(old.text, ''), coalesce(json_extract(old.media, '$.fileName'), ''));
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, media ON messages
  WHEN (old.text IS NOT new.text OR json_extract(old.media, '$.fileName') IS NOT json_extract(new.media, '$.fileName'))
   AND old.rowid >= coalesce((SELECT CAST(value AS INTEGER) FROM app_meta WHERE key = 'fts_backfill_below'), 0)
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body, file_name) VALUES ('delete', old.rowid, coalesce(old.text, ''), coalesce(json_extract(old.media, '$.fileName'), ''));
  INSERT INTO messages_fts (rowid, body, file_name) VALUES (new.rowid, coalesce(new.text, ''), coalesce(json_extract(new.media, '$.fileName'), ''));
END;

CREATE VIEW threads_search_source AS SELECT rowid AS rid, title, coalesce(phone, '') AS phone FROM threads;
CREATE VIRTUAL TABLE threads_fts USING fts5(
  title, phone,
  content = 'threads_search_source', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO threads_fts (threads_fts) VALUES ('rebuild');
CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
  INSERT INTO threads_fts (rowid, title, phone) VALUES (new.rowid, new.title, coalesce(new.phone, ''));
END;
CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
  INSERT INTO threads_fts (threads_fts, rowid, title, phone) VALUES ('delete', old.rowid, old.title, coalesce(old.phone, ''));
END;
CREATE TRIGGER threads_fts_update AFTER UPDATE OF title, phone ON threads
  WHEN old.title IS NOT new.title OR old.phone IS NOT new.phone
BEGIN
  INSERT INTO threads_fts (threads_fts, rowid, title, phone) VALUES ('delete', old.rowid, old.title, coalesce(old.phone, ''));
  INSERT INTO threads_fts (rowid, title, phone) VALUES (new.rowid, new.title, coalesce(new.phone, ''));
END;
`;
