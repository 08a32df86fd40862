// Logging that cannot leak secrets: values under secret-looking keys and bearer/App/Basic
// credentials are masked before anything is written.
const secretKey = /token|secret|password|authorization|access_token|api[-_]?key/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(/\b(Bearer|App|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]').replace(/([?&](?:access_token|token|secret)=)[^&\s]+/gi, '$1[redacted]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redact(v, depth + 1)]));
  }
  return value;
}

export interface Logger {
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
}

export function consoleLogger(scope: string): Logger {
  const write = (level: 'info' | 'warn' | 'error') => (msg: string, data?: unknown) => {
    const line = `[${new Date().toISOString()}] ${level} ${scope}: ${redact(msg) as string}`;
    const out = level === 'info' ? console.log : console.error;
    if (data === undefined) out(line);
    else out(line, JSON.stringify(redact(data)));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
