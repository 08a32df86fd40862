// Highlighted snippets for search hits, made here rather than by FTS5's snippet(): snippet() reads
// each row back through the index and costs ~0.1 ms a hit (10 ms for a page of 100); this works on
// the text already fetched. It matches the way the index does (unicode61, diacritics removed,
// case folded, every word a prefix), so what is highlighted is what was found.
import { MARK_END, MARK_START } from '../../../shared/inbox';

/** Case and diacritics folded, as the index's tokenizer folds them. */
export function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The search words, folded, that each token of a hit must start with one of. */
export function queryWords(input: string): string[] {
  return (input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map(fold);
}

/**
 * `text` with the words that match marked, cut to about `tokens` words around the first match
 * ('…' where cut). Null when no word matches (the hit was in another field).
 */
export function snippet(text: string, words: string[], tokens = 12): string | null {
  const found = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: words.some((w) => fold(m[0]).startsWith(w)) }));
  const first = found.findIndex((t) => t.hit);
  if (first < 0) return null;
  const from = Math.max(0, Math.min(first - 2, found.length - tokens));
  const to = Math.min(found.length, from + tokens);
  const cutStart = from > 0 ? found[from]!.start : 0;
  const cutEnd = to < found.length ? found[to - 1]!.end : text.length;
  let out = from > 0 ? '…' : '';
  let at = cutStart;
  for (const t of found.slice(from, to)) {
    if (!t.hit) continue;
    out += text.slice(at, t.start) + MARK_START + text.slice(t.start, t.end) + MARK_END;
    at = t.end;
  }
  out += text.slice(at, cutEnd) + (to < found.length ? '…' : '');
  return out;
}
