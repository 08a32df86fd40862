// A file type as messages name it ("a PDF document", from electron/services/media/sniff.ts) travels
// in a failure's values in English as `fileType`; the renderer words it by this key under
// "fileTypes." (en and id), and a type Switchboard does not know ("a application/zip file") as
// "fileTypes.other" with its MIME type.
export type FileTypeWords = { key: string; mime?: string };

export function fileTypeWords(label: string): FileTypeWords {
  const other = /^an? (\S+\/\S+) file$/.exec(label);
  if (other) return { key: 'other', mime: other[1]! };
  return { key: label.replace(/^an? /, '').replace(/[^A-Za-z0-9]+/g, '_') };
}
