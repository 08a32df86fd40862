// Screens and components whose text is still English only (issue 11, being converted one at a time).
// The i18n test lets these through and fails when a file here has been translated but not removed,
// or when a file not here shows English typed into its JSX. Paths are relative to renderer/src.
export const UNTRANSLATED: string[] = [
];
