// Schema 11. The operator can name a conversation on this computer (a group otherwise reads
// "Group 120363025246125486"). `title` stays what the list shows and search finds; `renamed` marks
// a local name, which a later name from the provider no longer replaces; `provider_title` keeps the
// provider's latest name so clearing the local one brings it back.
export const name = 'local_titles';
export const sql = `
ALTER TABLE threads ADD COLUMN renamed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN provider_title TEXT;
UPDATE threads SET provider_title = title;
`;
