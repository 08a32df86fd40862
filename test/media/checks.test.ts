// Checks before sending, as a specification: a file is what its bytes say, whatever its name;
// only what WhatsApp carries is accepted; each provider's kinds, sizes and captions are enforced
// in words; WhatsApp-encrypted media opens only with its key.
import { describe, expect, it } from 'vitest';
import type { ProviderInfo } from '../../shared/model';
import { checkSendable } from '../../electron/services/media/limits';
import { cleanFileName, sniff } from '../../electron/services/media/sniff';
import { decryptWhatsAppMedia } from '../../electron/services/media/whatsapp-crypto';
import { providerInfos } from '../../electron/services/providers/registry';
import { encryptWhatsAppMedia } from '../simulators/media';
import * as f from './fixtures';

const info = (id: ProviderInfo['id']): ProviderInfo => providerInfos().find((p) => p.id === id)!;
const MB = 1024 * 1024;

describe('reading the type from the content', () => {
  it.each([
    ['photo.jpg', f.jpeg(), 'image/jpeg', 'image'],
    ['shot.png', f.png(), 'image/png', 'image'],
    ['anim.gif', f.gif(), 'image/gif', 'document'],
    ['sticker.webp', f.webp(), 'image/webp', 'document'],
    ['clip.mp4', f.mp4(), 'video/mp4', 'video'],
    ['clip.3gp', f.gp3(), 'video/3gpp', 'video'],
    ['voice.ogg', f.opus(), 'audio/ogg', 'audio'],
    ['song.mp3', f.mp3(), 'audio/mpeg', 'audio'],
    ['song.aac', f.aac(), 'audio/aac', 'audio'],
    ['song.m4a', f.m4a(), 'audio/mp4', 'audio'],
    ['memo.amr', f.amr(), 'audio/amr', 'audio'],
    ['invoice.pdf', f.pdf(), 'application/pdf', 'document'],
    ['letter.docx', f.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
    ['sheet.xlsx', f.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'],
    ['deck.pptx', f.pptx(), 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'document'],
    ['old.doc', f.cfb('WordDocument'), 'application/msword', 'document'],
    ['old.xls', f.cfb('Workbook'), 'application/vnd.ms-excel', 'document'],
    ['notes.txt', f.text(), 'text/plain', 'document'],
    ['list.csv', f.csv(), 'text/csv', 'document'],
  ])('%s is %s (%s)', async (name, bytes, mimeType, kind) => {
    const r = await sniff(bytes, name);
    expect(r).toMatchObject({ ok: true, type: { mimeType, kind } });
  });

  it('does not believe the name: a PNG called .pdf is a picture, a PDF called .jpg a document', async () => {
    expect(await sniff(f.png(), 'scan.pdf')).toMatchObject({ ok: true, type: { mimeType: 'image/png', kind: 'image' } });
    expect(await sniff(f.pdf(), 'holiday.jpg')).toMatchObject({ ok: true, type: { mimeType: 'application/pdf' } });
  });

  it('refuses programs, active content, plain archives and unknown bytes, saying why', async () => {
    expect(await sniff(f.exe(), 'invoice.pdf')).toMatchObject({ ok: false, reason: expect.stringContaining('program') });
    expect(await sniff(f.html(), 'page.txt')).toMatchObject({ ok: false, reason: expect.stringContaining('web page') });
    expect(await sniff(f.svg(), 'logo.svg')).toMatchObject({ ok: false, reason: expect.stringContaining('SVG') });
    expect(await sniff(Buffer.from('#!/bin/sh\nrm -rf ~\n'), 'notes.txt')).toMatchObject({ ok: false, reason: expect.stringContaining('script') });
    expect(await sniff(f.zip([['a.txt', 'x']]), 'photos.zip')).toMatchObject({ ok: false, reason: expect.stringContaining('.zip') });
    expect(await sniff(f.cfb('SummaryInformation'), 'setup.doc')).toMatchObject({ ok: false, reason: expect.stringContaining('not a Word, Excel or PowerPoint') });
    expect(await sniff(Buffer.from([0, 1, 2, 3, 254, 255, 0, 7]), 'data.bin')).toMatchObject({ ok: false, reason: expect.stringContaining('could not tell') });
    expect(await sniff(Buffer.alloc(0), 'empty.txt')).toMatchObject({ ok: false, reason: 'The file is empty.' });
  });

  it('sends a file under a clean name that ends in the extension its content calls for', async () => {
    const pdf = await sniff(f.pdf(), 'x');
    if (!pdf.ok) throw new Error('pdf not recognised');
    expect(cleanFileName('C:\\Users\\sari\\Invoice 17.pdf', pdf.type)).toBe('Invoice 17.pdf');
    expect(cleanFileName('invoice.exe', pdf.type)).toBe('invoice.exe.pdf');
    expect(cleanFileName('../../etc/report', pdf.type)).toBe('report.pdf');
    expect(cleanFileName('  ..  ', pdf.type)).toBe('file.pdf');
  });
});

describe("each provider's limits, before anything is queued", () => {
  const png = { mimeType: 'image/png', size: 200_000, label: 'a PNG picture' };
  const pdf = { mimeType: 'application/pdf', size: 2 * MB, label: 'a PDF document' };

  it('uploads to the bot API and links for URL-only providers', () => {
    expect(checkSendable(info('bot-api'), 'image', png, { publicAddress: false })).toBe('upload');
    expect(checkSendable(info('mconnect'), 'document', pdf, { publicAddress: true })).toBe('url');
  });

  it('explains that a URL-only provider needs a public address', () => {
    expect(() => checkSendable(info('mconnect'), 'image', png, { publicAddress: false })).toThrow(
      'mconnect Omnichannel fetches files from a link, and Switchboard has no public address yet: turn on the tunnel or set a public URL in Settings — or send the file by link.',
    );
  });

  it('keeps to WhatsApp’s sizes and types per kind', () => {
    expect(() => checkSendable(info('bot-api'), 'image', { ...png, size: 6 * MB }, { publicAddress: true })).toThrow('Pictures can be at most 5.0 MB on WhatsApp, and this one is 6.0 MB. Send it as a document instead, or make it smaller.');
    expect(() => checkSendable(info('bot-api'), 'video', { mimeType: 'video/mp4', size: 17 * MB, label: 'an MP4 video' }, { publicAddress: true })).toThrow(/Videos can be at most 16 MB/);
    expect(() => checkSendable(info('bot-api'), 'document', { ...pdf, size: 101 * MB }, { publicAddress: true })).toThrow(/Documents can be at most 100 MB/);
    expect(() => checkSendable(info('bot-api'), 'image', pdf, { publicAddress: true })).toThrow('WhatsApp takes only JPEG or PNG as pictures, and this file is a PDF document. Send it as a document instead.');
    expect(checkSendable(info('bot-api'), 'document', { mimeType: 'image/gif', size: 1000, label: 'a GIF picture' }, { publicAddress: true })).toBe('upload');
  });

  it('sends only pictures through Infobip, nothing through Omnichat, and uploads every kind without a caption through Qontak', () => {
    expect(checkSendable(info('infobip'), 'image', png, { caption: 'Our menu', publicAddress: true })).toBe('url');
    expect(() => checkSendable(info('infobip'), 'document', pdf, { publicAddress: true })).toThrow(/Infobip OMNI sends only pictures through WhatsApp/);
    expect(() => checkSendable(info('omnichat'), 'image', png, { publicAddress: true })).toThrow('Omnichat.id accounts cannot send files.');
    expect(checkSendable(info('qontak'), 'document', pdf, { publicAddress: false })).toBe('upload');
    expect(checkSendable(info('qontak'), 'image', png, { publicAddress: false })).toBe('upload');
    expect(() => checkSendable(info('qontak'), 'image', png, { caption: 'Our menu', publicAddress: true })).toThrow('Qontak Hub sends pictures without a caption. Send the text as a message of its own.');
    expect(() => checkSendable(info('qontak'), 'document', pdf, { caption: 'Invoice', publicAddress: true })).toThrow('Qontak Hub sends documents without a caption. Send the text as a message of its own.');
  });

  it('takes captions only where the provider has a field for them', () => {
    expect(() => checkSendable(info('bot-api'), 'document', pdf, { caption: 'Invoice', publicAddress: true })).toThrow('WhatsApp Bot API sends documents without a caption. Send the text as a message of its own.');
    expect(checkSendable(info('mconnect'), 'document', pdf, { caption: 'Invoice', publicAddress: true })).toBe('url');
    expect(() => checkSendable(info('mconnect'), 'audio', { mimeType: 'audio/mpeg', size: 1000, label: 'an MP3' }, { caption: 'listen', publicAddress: true })).toThrow(/no caption with audio/);
  });
});

describe('WhatsApp-encrypted media (bot API webhooks)', () => {
  it('opens with its media key and checks the checksum', () => {
    const plain = f.jpeg(5000);
    const e = encryptWhatsAppMedia(plain, 'image');
    expect(decryptWhatsAppMedia(e.enc, e.mediaKey, 'image', e.fileSha256).equals(plain)).toBe(true);
  });

  it('refuses a wrong key, a wrong media type or altered bytes', () => {
    const e = encryptWhatsAppMedia(f.pdf(1000), 'document');
    const other = encryptWhatsAppMedia(f.pdf(1000), 'document');
    expect(() => decryptWhatsAppMedia(e.enc, other.mediaKey, 'document')).toThrow(/does not match its WhatsApp media key/);
    expect(() => decryptWhatsAppMedia(e.enc, e.mediaKey, 'image')).toThrow(/does not match/);
    const altered = Buffer.from(e.enc);
    altered[5]! ^= 1;
    expect(() => decryptWhatsAppMedia(altered, e.mediaKey, 'document')).toThrow(/damaged or altered/);
  });
});
