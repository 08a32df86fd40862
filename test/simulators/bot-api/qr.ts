// The QR a bot API instance shows while waiting for a phone: a raw WhatsApp-Web-like pairing string
// that rotates, rendered as PNG (GET /whatsapp/scan) or a PNG data URL (format=base64text).
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

/** `2@<random base64>,<sessionId>` — the shape of a multi-device pairing ref, tagged with the session. */
export function newQrContent(sessionId: string): string {
  return `2@${randomBytes(48).toString('base64')},${sessionId}`;
}

export function qrPng(content: string): Promise<Buffer> {
  return QRCode.toBuffer(content, { type: 'png', errorCorrectionLevel: 'L', margin: 2, width: 264 });
}

export async function qrDataUrl(content: string): Promise<string> {
  return `data:image/png;base64,${(await qrPng(content)).toString('base64')}`;
}

/** A QR that renews itself lazily: reading it after `ttlMs` yields fresh content. */
export class RotatingQr {
  private content: string;
  private issuedAt: number;

  constructor(
    private readonly sessionId: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.content = newQrContent(sessionId);
    this.issuedAt = this.now();
  }

  current(): string {
    const elapsed = this.now() - this.issuedAt;
    if (elapsed >= this.ttlMs) {
      // Rotate as many times as whole periods have passed, keeping the schedule aligned.
      this.issuedAt += Math.floor(elapsed / this.ttlMs) * this.ttlMs;
      this.content = newQrContent(this.sessionId);
    }
    return this.content;
  }

  expiresAt(): number {
    this.current();
    return this.issuedAt + this.ttlMs;
  }
}
