// Template placeholders, in order of first appearance: {{1}} style (Qontak, WhatsApp/Infobip)
// and {name} style (Omnichat). Shared so the UI previews exactly what main validates.
const numbered = /\{\{\s*(\d+)\s*\}\}/g;
const named = /(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/g;

export function placeholdersOf(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.matchAll(numbered)) seen.add(m[1]!);
  for (const m of body.matchAll(named)) seen.add(m[1]!);
  return [...seen];
}

/** The body with each placeholder replaced by its value; missing values stay visible as placeholders. */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body
    .replace(numbered, (whole, k: string) => values[k] ?? whole)
    .replace(named, (whole, k: string) => values[k] ?? whole);
}
