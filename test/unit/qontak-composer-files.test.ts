// The composer's file helpers for a Qontak conversation: files from this computer are offered
// (Qontak lists mediaUpload), and no caption field is shown, since the room endpoint has none.
import { describe, expect, it } from 'vitest';
import { qontakInfo } from '../../electron/services/providers/qontak/capabilities';
import { canSendFiles, noCaptionReason } from '../../renderer/src/files';

describe('files in a Qontak conversation', () => {
  it('offers attaching files, by upload only', () => {
    expect(canSendFiles(qontakInfo)).toBe(true);
    expect(qontakInfo.capabilities).not.toContain('mediaUrl');
  });

  it('shows no caption field for any kind, saying why', () => {
    for (const kind of ['image', 'video', 'document'] as const) expect(noCaptionReason(qontakInfo, kind)).toBe('Qontak Hub sends files without a caption.');
    expect(noCaptionReason(qontakInfo, 'audio')).toMatch(/no caption with audio/);
  });
});
