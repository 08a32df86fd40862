// Schema 12. Reasons kept as English text (a failed send, why a message waits, why a conversation
// cannot be answered, a campaign's or recipient's failure, a failed download, an account's status
// or webhook registration, an instance's last error) get their wording beside them: the message key
// and values as JSON ({"key":"errors.x","params":{…}}), so the renderer words them in the operator's
// language. NULL for reasons stored before (their English text is shown as it is).
export const name = 'wordings';
export const sql = `
ALTER TABLE messages ADD COLUMN error_wording TEXT;
ALTER TABLE messages ADD COLUMN waiting_wording TEXT;
ALTER TABLE threads ADD COLUMN not_replyable_wording TEXT;
ALTER TABLE campaigns ADD COLUMN error_wording TEXT;
ALTER TABLE campaign_recipients ADD COLUMN error_wording TEXT;
ALTER TABLE media_files ADD COLUMN error_wording TEXT;
ALTER TABLE accounts ADD COLUMN status_wording TEXT;
ALTER TABLE accounts ADD COLUMN registration_wording TEXT;
ALTER TABLE instances ADD COLUMN last_error_wording TEXT;
`;
