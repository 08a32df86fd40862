// What Settings refuses before it is saved: a default country libphonenumber has no numbering
// plan for (every local number would then be refused), and a "public" address that is this
// computer or the local network (no provider on the internet could post webhooks there).
import { describe, expect, it } from 'vitest';
import { memoryKeyValue, SettingsService } from '../../electron/services/settings';

const service = (opts = {}) => new SettingsService(memoryKeyValue(), opts);
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('default country', () => {
  it('takes a real region, in any case, and refuses a made-up one', () => {
    const s = service();
    expect(s.update({ defaultCountry: 'ng' }).defaultCountry).toBe('NG');
    expect(refusal(() => s.update({ defaultCountry: 'XX' }))).toBe('"XX" is not a country phone numbers can be read for. Pick your country from the list.');
    expect(refusal(() => s.update({ defaultCountry: 'ZZ' }))).toMatch(/not a country/);
    expect(s.get().defaultCountry).toBe('NG');
  });
});

describe('public address', () => {
  it('refuses loopback, private and link-local addresses and local names', () => {
    const s = service();
    for (const url of ['http://127.0.0.1', 'http://127.0.0.1:47800/', 'https://localhost:8443', 'http://[::1]:80', 'http://192.168.1.20', 'http://10.0.0.5', 'http://169.254.169.254', 'http://printer.local']) {
      expect(refusal(() => s.update({ publicBaseUrl: url }))).toMatch(/is an address on this computer or your local network, so providers on the internet can't reach it/);
    }
    expect(refusal(() => s.update({ publicBaseUrl: 'http://127.0.0.1' }))).toMatch(/^127\.0\.0\.1 is an address/);
    expect(s.get().publicBaseUrl).toBeNull();
  });

  it('keeps a public address, and a local one only where tests allow it', () => {
    expect(service().update({ publicBaseUrl: 'https://hooks.example.com/' }).publicBaseUrl).toBe('https://hooks.example.com');
    expect(service().update({ publicBaseUrl: 'http://203.0.114.7:8080' }).publicBaseUrl).toBe('http://203.0.114.7:8080');
    expect(service({ allowLocalPublicUrl: true }).update({ publicBaseUrl: 'http://127.0.0.1:9000' }).publicBaseUrl).toBe('http://127.0.0.1:9000');
  });
});
