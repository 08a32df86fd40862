// The folder rules from DESIGN.md are enforced by lint, not by goodwill.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries', () => {
  it('keeps electron out of services', async () => {
    expect(await ruleHits('electron/services/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([expect.stringMatching(/Services are plain Node/)]);
  });

  it('keeps shared/ platform-free', async () => {
    expect(await ruleHits('shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await ruleHits('shared/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
  });

  it('keeps the renderer away from main-process code', async () => {
    expect(await ruleHits('renderer/src/probe.ts', "import { createApp } from '../../electron/services/app';\nexport const x = createApp;\n")).toHaveLength(1);
    expect(await ruleHits('renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
  });

  it('lets each folder use what it may', async () => {
    expect(await ruleHits('electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await ruleHits('renderer/src/probe.ts', "import { channels } from '../../shared/ipc';\nexport const x = channels;\n")).toEqual([]);
  });
});
