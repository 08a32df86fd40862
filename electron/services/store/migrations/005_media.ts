// Schema 5: files in and out. `media_files` is the bookkeeping for every file under dataDir/media:
// staged outgoing files (attached to their message once sent) and received files (what to fetch,
// and the local copy once fetched). `served_files` holds the unguessable, expiring links the
// webhook listener answers for URL-only providers; only a hash of each token is kept, and rows
// survive a restart so a link keeps working until it expires. Existing message media gains the
// fields the model now has: links only, nothing local yet.
export const name = 'media';
export const sql = `
CREATE TABLE media_files (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  message_id TEXT REFERENCES messages(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('none', 'pending', 'ready', 'failed')),
  kind TEXT NOT NULL,
  path TEXT,
  file_name TEXT NOT NULL,
  mime_type TEXT,
  size INTEGER,
  source_url TEXT,
  media_key TEXT,
  file_sha256 TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX media_files_by_message ON media_files (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX media_files_pending ON media_files (created_at) WHERE state = 'pending';
CREATE INDEX media_files_local ON media_files (used_at) WHERE path IS NOT NULL;

CREATE TABLE served_files (
  token_hash TEXT PRIMARY KEY,
  file_id TEXT NOT NULL REFERENCES media_files(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX served_files_by_expiry ON served_files (expires_at);
CREATE INDEX served_files_by_file ON served_files (file_id);

UPDATE messages SET media = json_set(media, '$.state', 'none', '$.size', NULL, '$.error', NULL) WHERE media IS NOT NULL;
`;
