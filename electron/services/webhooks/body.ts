// Webhook bodies are stored byte-exact; this turns the stored bytes back into text the way the
// sender meant them. A UTF-8 byte-order mark is dropped (some PHP and .NET senders add one), a
// declared charset is honoured, and bytes that are not valid UTF-8 with no charset declared are
// read as Windows-1252 (the superset of Latin-1 that senders mean by it) instead of becoming U+FFFD.

function charsetOf(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

function decoder(label: string, fatal = false): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: false });
  } catch {
    return null;
  }
}

export function decodeBody(body: Buffer | Uint8Array | string, contentType: string | null): string {
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // UTF-16 with a byte-order mark, whatever the header says (TextDecoder drops the mark).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = charsetOf(contentType);
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    const d = decoder(declared);
    if (d) return d.decode(bytes);
  }
  try {
    return decoder('utf-8', true)!.decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Form encodings: no provider documents webhooks sent this way, so they are refused (415). */
export function isFormType(contentType: string | null): boolean {
  return /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType ?? '');
}

/** The parsed body when it is a JSON object or array (what every provider's webhook is), else null. */
export function parseWebhookJson(body: Buffer, contentType: string | null): unknown {
  let v: unknown;
  try {
    v = JSON.parse(decodeBody(body, contentType));
  } catch {
    return null;
  }
  return typeof v === 'object' && v !== null ? v : null;
}
