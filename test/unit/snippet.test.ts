// Search snippets: the words the index matched are the words marked, and a long message is cut
// around the first match.
import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START } from '../../shared/inbox';
import { queryWords, snippet } from '../../electron/services/store/snippet';

const plain = (s: string | null) => s?.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']') ?? null;

describe('search snippets', () => {
  it('marks every word that starts with a search word, ignoring case and diacritics', () => {
    expect(plain(snippet('Kopi susu dan KOPI hitam untuk Ñurhaliza', queryWords('kop nurh')))).toBe('[Kopi] susu dan [KOPI] hitam untuk [Ñurhaliza]');
  });

  it('cuts a long message around the first match, saying where it cut', () => {
    const text = 'satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas duabelas tigabelas batik empatbelas limabelas enambelas tujuhbelas delapanbelas sembilanbelas duapuluh';
    expect(plain(snippet(text, queryWords('batik'), 6))).toBe('…duabelas tigabelas [batik] empatbelas limabelas enambelas…');
  });

  it('says when nothing in the text matches (the hit was in its file name)', () => {
    expect(snippet('Here is the file', queryWords('invoice'))).toBeNull();
    expect(plain(snippet('invoice-mei.pdf', queryWords('invoice')))).toBe('[invoice]-mei.pdf');
  });
});
