// WhatsApp's end-to-end media encryption, as Baileys-based gateways (the bot API) pass it on: the
// webhook's `url` points at WhatsApp's CDN copy, which is AES-256-CBC encrypted, followed by the
// first 10 bytes of an HMAC-SHA256 over iv + ciphertext. The keys come from the message's
// 32-byte `mediaKey` by HKDF-SHA256 with an info string per media type (the scheme Baileys'
// downloadContentFromMessage implements). Without this the "picture" would be noise.
import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { MediaKind } from '../../../shared/model';

const INFO: Record<MediaKind, string> = {
  // Stickers use the image keys too, and arrive here as kind 'image'.
  image: 'WhatsApp Image Keys',
  video: 'WhatsApp Video Keys',
  audio: 'WhatsApp Audio Keys',
  document: 'WhatsApp Document Keys',
};

const MAC_BYTES = 10;

/** Why an encrypted file did not open, by name (the renderer words each: errors.media.download.notOpened.*). */
export class MediaKeyError extends Error {
  constructor(
    readonly why: 'badKey' | 'notEncrypted' | 'altered' | 'checksum',
    message: string,
  ) {
    super(message);
    this.name = 'MediaKeyError';
  }
}

export function mediaKeys(mediaKey: Buffer, kind: MediaKind): { iv: Buffer; cipherKey: Buffer; macKey: Buffer } {
  const expanded = Buffer.from(hkdfSync('sha256', mediaKey, Buffer.alloc(0), INFO[kind], 112));
  return { iv: expanded.subarray(0, 16), cipherKey: expanded.subarray(16, 48), macKey: expanded.subarray(48, 80) };
}

/** The plain file; throws with a reason when the key does not fit or the file was altered. */
export function decryptWhatsAppMedia(encrypted: Buffer, mediaKeyBase64: string, kind: MediaKind, fileSha256Base64?: string | null): Buffer {
  const mediaKey = Buffer.from(mediaKeyBase64, 'base64');
  if (mediaKey.length !== 32) throw new MediaKeyError('badKey', 'the media key in the webhook is not a WhatsApp media key');
  if (encrypted.length <= MAC_BYTES || (encrypted.length - MAC_BYTES) % 16 !== 0) throw new MediaKeyError('notEncrypted', 'the file is not WhatsApp-encrypted media');
  const { iv, cipherKey, macKey } = mediaKeys(mediaKey, kind);
  const body = encrypted.subarray(0, encrypted.length - MAC_BYTES);
  const mac = encrypted.subarray(encrypted.length - MAC_BYTES);
  const expected = createHmac('sha256', macKey).update(iv).update(body).digest().subarray(0, MAC_BYTES);
  if (!timingSafeEqual(mac, expected)) throw new MediaKeyError('altered', 'the file does not match its WhatsApp media key (damaged or altered)');
  const decipher = createDecipheriv('aes-256-cbc', cipherKey, iv);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  if (fileSha256Base64 && createHash('sha256').update(plain).digest('base64') !== fileSha256Base64) throw new MediaKeyError('checksum', 'the decrypted file does not match its checksum');
  return plain;
}
