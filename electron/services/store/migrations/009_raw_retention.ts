// Schema 9: raw webhook events age out and are capped per account. Bodies are stored as the BLOB
// that arrived from now on (SQLite keeps a BLOB as-is in the TEXT column; old rows stay TEXT and
// are read the same way). These indexes serve pruning by age and the per-account byte count.
export const name = 'raw_retention';
export const sql = `
CREATE INDEX raw_events_by_account ON raw_events (account_id, id);
CREATE INDEX raw_events_parsed_at ON raw_events (received_at) WHERE parsed_at IS NOT NULL AND parse_error IS NULL;
`;
