// Schema 7: a small key/value table for facts about the stored data that are not schema, e.g.
// which generation of the webhook parsers has seen the stored raw events (webhooks/reparse.ts).
export const name = 'app_meta';
export const sql = `
CREATE TABLE app_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
