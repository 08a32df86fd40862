// The browser shell carries a file the page read to main in one WebSocket frame: a large document
// (well past the old 8 MB frame limit) stages intact, as it does over Electron IPC.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startShell, type Shell } from '../../electron/shell/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { ShellClient } from '../helpers/shell-client';
import * as f from './fixtures';

let t: TestApp;
let shell: Shell;
beforeAll(async () => {
  t = await startTestApp();
  const rendererDir = mkdtempSync(join(tmpdir(), 'sb-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  shell = await startShell({ router: t.router, bus: t.app.bus, rendererDir });
});
afterAll(async () => {
  await shell.close();
  await t.close();
});

it('stages a 12 MB document sent over the shell’s WebSocket, byte for byte', async () => {
  const client = await ShellClient.connect(shell.openUrl);
  try {
    const bytes = f.pdf(12 * 1024 * 1024);
    const file = await client.call('media:stage', { fileName: 'catalogue.pdf', dataBase64: `data:application/pdf;base64,${f.b64(bytes)}` });
    expect(file).toMatchObject({ kind: 'document', mimeType: 'application/pdf', size: bytes.length, fileName: 'catalogue.pdf' });
    expect(readFileSync(join(t.dataDir, 'media', 'outgoing', file.fileId)).equals(bytes)).toBe(true);
  } finally {
    client.close();
  }
});
