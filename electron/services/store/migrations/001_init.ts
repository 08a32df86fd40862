// Schema 1: accounts, instances, contacts, threads, messages and raw webhook events.
export const name = 'init';
export const sql = `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  name TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  saved_secrets TEXT NOT NULL DEFAULT '[]',
  webhook_secret_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'unknown',
  status_detail TEXT,
  registration_state TEXT NOT NULL DEFAULT 'unregistered',
  registration_detail TEXT,
  registration_at INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE instances (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider_id TEXT,
  session_id TEXT NOT NULL,
  state TEXT NOT NULL,
  phone TEXT,
  display_name TEXT,
  last_error TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (account_id, session_id)
);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  chat_id TEXT NOT NULL,
  phone TEXT,
  name TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (account_id, chat_id)
);

-- instance_id is '' for providers without instances, so the UNIQUE constraint holds.
CREATE TABLE threads (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  instance_id TEXT NOT NULL DEFAULT '',
  peer_id TEXT NOT NULL,
  title TEXT NOT NULL,
  phone TEXT,
  is_group INTEGER NOT NULL DEFAULT 0,
  unread INTEGER NOT NULL DEFAULT 0,
  last_message TEXT,
  last_at INTEGER NOT NULL,
  UNIQUE (account_id, instance_id, peer_id)
);
CREATE INDEX threads_by_last_at ON threads (last_at DESC);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  kind TEXT NOT NULL,
  text TEXT,
  author TEXT,
  provider_message_id TEXT,
  status TEXT NOT NULL,
  error TEXT,
  error_permanent INTEGER,
  at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX messages_by_thread ON messages (thread_id, at);
-- A provider event delivered twice stores one message.
CREATE UNIQUE INDEX messages_by_provider_id ON messages (account_id, provider_message_id) WHERE provider_message_id IS NOT NULL;

-- Every accepted webhook request, stored before it is answered and parsed afterwards.
CREATE TABLE raw_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  content_type TEXT,
  body TEXT NOT NULL,
  parsed_at INTEGER,
  parse_error TEXT
);
CREATE INDEX raw_events_unparsed ON raw_events (id) WHERE parsed_at IS NULL;
`;
