// Validation messages of the IPC contract's schemas as message keys, so the renderer can word them
// in the operator's language. The schemas keep their English text (the fallback); the router
// looks the text up here. A "field" parameter names a key under "fields." in the renderer's files.
export type MessageKey = { key: string; params?: Record<string, string | number> };

const fixed: Record<string, string> = {
  'An id is required': 'idRequired',
  'Use a full web address starting with https://': 'webUrl',
  'This attachment is not known; attach the file again': 'unknownAttachment',
  'Type a message first': 'typeMessage',
  'Attach a file or give its web address (one of the two, not both)': 'fileOrUrl',
  'Enter the phone number with its country code': 'phoneWithCountry',
  'Add at least one button': 'atLeastOneButton',
  'WhatsApp allows at most 3 buttons': 'atMostThreeButtons',
  'Give the account a name': 'accountName',
  'Enter a phone number': 'enterPhone',
  'The file has no name': 'fileNoName',
  'The file is empty': 'fileEmpty',
  'A file can be at most 100 MB': 'fileTooBig',
  'Enter the sender number': 'senderNumber',
  'Type something to search for': 'searchEmpty',
  'Pick a column': 'pickColumn',
  'Type the text to use': 'typeText',
  'Pick the column with the phone numbers': 'pickPhoneColumn',
  'Pick at least one contact': 'pickContact',
  'The file is larger than 50 MB. Split it into smaller files and make a campaign for each.': 'csvTooBig',
  'Give the campaign a name': 'campaignName',
  'At most 500 recipients per page': 'pageLimit',
  'Keep the name under 100 characters': 'threadNameTooLong',
  'The shortest gap must not exceed the longest': 'gapOrder',
};

/** The subjects of "… is required" and "… can be at most N characters", as field keys. */
const fields: Record<string, string> = {
  'A place name': 'placeName',
  'The full name': 'fullName',
  'The message text': 'messageText',
  'A button title': 'buttonTitle',
  'The title': 'title',
  'The button text': 'buttonText',
  'A section title': 'sectionTitle',
  'A row title': 'rowTitle',
  'A row id': 'rowId',
  'The template id or name': 'templateId',
  'A name': 'name',
  'The template text': 'templateText',
  'The sender name': 'senderName',
  'The message': 'message',
  'A message': 'message',
  'A text': 'text',
  'A campaign name': 'campaignName',
};

/** The key for one of the contract's validation messages, or undefined for text it does not know. */
export function validationKey(message: string): MessageKey | undefined {
  const name = fixed[message];
  if (name) return { key: `errors.validation.${name}` };
  const required = /^(.+) is required$/.exec(message);
  if (required && fields[required[1]!]) return { key: 'errors.validation.required', params: { field: fields[required[1]!]! } };
  const long = /^(.+) can be at most (\d+) characters$/.exec(message);
  if (long && fields[long[1]!]) return { key: 'errors.validation.tooLong', params: { field: fields[long[1]!]!, max: Number(long[2]) } };
  return undefined;
}
