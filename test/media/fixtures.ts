// Small but genuine files of each format WhatsApp carries, built in code so the tests need no
// binary fixtures: real headers (what a sniffer reads) followed by random bytes, so "the exact
// bytes arrived" means something.
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const filler = (n: number): Buffer => randomBytes(n);

function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

const ftyp = (brand: string, compatible: string[]): Buffer => box('ftyp', Buffer.concat([Buffer.from(brand, 'latin1'), Buffer.alloc(4), ...compatible.map((c) => Buffer.from(c, 'latin1'))]));

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A decodable 2×2 PNG, padded with random bytes after IEND to `size`. */
export function png(size = 40_000): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]));
  const file = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
  return Buffer.concat([file, filler(Math.max(0, size - file.length))]);
}

export const jpeg = (size = 30_000): Buffer => Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), filler(size - 22), Buffer.from('ffd9', 'hex')]);
export const gif = (): Buffer => Buffer.concat([Buffer.from('GIF89a\x02\x00\x02\x00', 'latin1'), filler(200)]);
export const webp = (): Buffer => Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), filler(200)]);
export const mp4 = (): Buffer => Buffer.concat([ftyp('isom', ['isom', 'iso2', 'avc1', 'mp41']), box('free', filler(4000))]);
export const gp3 = (): Buffer => Buffer.concat([ftyp('3gp4', ['3gp4', 'isom']), box('free', filler(4000))]);
export const m4a = (): Buffer => Buffer.concat([ftyp('M4A ', ['M4A ', 'mp42', 'isom']), box('free', filler(4000))]);
export const mp3 = (): Buffer => Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from('fffb9064', 'hex'), filler(3000)]);
export const aac = (): Buffer => Buffer.concat([Buffer.from('fff15080', 'hex'), filler(3000)]);
export const amr = (): Buffer => Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), filler(3000)]);

function ogg(head: Buffer): Buffer {
  const page = Buffer.alloc(27);
  page.write('OggS', 0, 'latin1');
  page[5] = 2;
  page[26] = 1;
  return Buffer.concat([page, Buffer.from([head.length]), head, filler(3000)]);
}
export const opus = (): Buffer => ogg(Buffer.from('OpusHead\x01\x01', 'latin1'));
export const vorbis = (): Buffer => ogg(Buffer.from('\x01vorbis', 'latin1'));

export const pdf = (size = 20_000): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n', 'latin1'), filler(size), Buffer.from('\nendstream\nendobj\n%%EOF\n')]);

/** A stored (uncompressed) ZIP with the given entries. */
export function zip(entries: [string, string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = Buffer.from(name);
    const d = Buffer.from(content);
    const crc = crc32(d);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(d.length, 18);
    h.writeUInt32LE(d.length, 22);
    h.writeUInt16LE(n.length, 26);
    locals.push(h, n, d);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(d.length, 20);
    c.writeUInt32LE(d.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + d.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const contentTypes = (main: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/main.xml" ContentType="${main}"/></Types>`;

export const docx = (): Buffer => zip([['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')], ['word/document.xml', '<w:document/>'], ['word/media/image1.bin', filler(2000)]]);
export const xlsx = (): Buffer => zip([['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')], ['xl/workbook.xml', '<workbook/>']]);
export const pptx = (): Buffer => zip([['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml')], ['ppt/presentation.xml', '<p/>']]);

/** An OLE2 compound file whose directory names `stream` (UTF-16LE), as old Office files do. */
export function cfb(stream: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const entry = Buffer.alloc(128);
  Buffer.from(stream, 'utf16le').copy(entry);
  return Buffer.concat([header, filler(512), Buffer.alloc(128), entry, filler(1000)]);
}

export const exe = (): Buffer => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), filler(2000)]);
export const text = (): Buffer => Buffer.from('Order 17: 3 × batik shirts, size M\nDelivery Friday.\n');
export const csv = (): Buffer => Buffer.from('phone,name\n6281234567890,Sari\n');
export const html = (): Buffer => Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
export const svg = (): Buffer => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

export const b64 = (b: Buffer): string => b.toString('base64');
