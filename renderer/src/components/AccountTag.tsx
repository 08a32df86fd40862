// Which account a conversation belongs to: the same customer can write to two accounts, and the
// rows would look duplicated without it. Each account keeps one colour, derived from its id, so the
// tag, the rail and the conversation header agree without storing anything.
import type { Account } from '../../../shared/model';

export const ACCOUNT_HUES = [152, 210, 28, 280, 340, 190, 48, 250];

export function accountHue(accountId: string): number {
  let h = 0;
  for (const c of accountId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return ACCOUNT_HUES[h % ACCOUNT_HUES.length]!;
}

/** A small coloured swatch; decorative, the name beside it says the same. */
export function AccountSwatch({ accountId }: { accountId: string }) {
  return <span className="account-swatch" aria-hidden="true" style={{ ['--account-hue' as string]: accountHue(accountId) }} />;
}

export function AccountTag({ account }: { account: Pick<Account, 'id' | 'name'> }) {
  return (
    <span className="account-tag" title={`On ${account.name}`} style={{ ['--account-hue' as string]: accountHue(account.id) }}>
      <span className="account-swatch" aria-hidden="true" />
      <span className="account-tag-name">{account.name}</span>
    </span>
  );
}
