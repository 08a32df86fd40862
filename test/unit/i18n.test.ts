// Two languages, kept complete: every key in both, every key the screens use defined, and no
// English typed straight into the JSX of a screen that has been translated.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import id from '../../renderer/src/i18n/id.json';
import { errorText, i18n, languageOf, resolveLanguage } from '../../renderer/src/i18n';
import { UNTRANSLATED } from './i18n-untranslated';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
/** Keys as code uses them: "nav.unread_one" and "nav.unread_other" are both "nav.unread". */
const baseKeys = (tree: Tree) => new Set([...leaves(tree).keys()].map((k) => k.replace(PLURAL, '')));
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const root = join(import.meta.dirname, '../../renderer/src');
function sources(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the two language files', () => {
  const enLeaves = leaves(en as Tree);
  const idLeaves = leaves(id as Tree);

  it('have the same keys', () => {
    const e = baseKeys(en as Tree);
    const i = baseKeys(id as Tree);
    expect([...e].filter((k) => !i.has(k)), 'missing in id.json').toEqual([]);
    expect([...i].filter((k) => !e.has(k)), 'missing in en.json').toEqual([]);
  });

  it('give every plural an "other" form in both languages', () => {
    for (const tree of [enLeaves, idLeaves]) {
      const plurals = [...tree.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
      expect(plurals.filter((k) => !tree.has(`${k}_other`))).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const differing: string[] = [];
    for (const [key, text] of enLeaves) {
      const other = idLeaves.get(key) ?? idLeaves.get(key.replace(PLURAL, '_other'));
      if (other !== undefined && placeholders(other).join() !== placeholders(text).join()) differing.push(key);
    }
    expect(differing).toEqual([]);
  });

  it('are not left with empty texts', () => {
    expect([...enLeaves, ...idLeaves].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });
});

describe('keys used by the screens', () => {
  it('are all defined (literal t("…"), i18nKey="…" and label tables)', () => {
    const known = baseKeys(en as Tree);
    const prefixes = new Set([...known].flatMap((k) => k.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
    const missing: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) if (!known.has(m[1]!)) missing.push(`${relative(root, file)}: ${m[1]}`);
      for (const m of text.matchAll(/i18nKey="([\w.]+)"/g)) if (!known.has(m[1]!)) missing.push(`${relative(root, file)}: ${m[1]}`);
      // Keys built from data (`nav.${screen}`): their prefix must exist.
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) if (!prefixes.has(m[1]!)) missing.push(`${relative(root, file)}: ${m[1]}.*`);
      for (const m of text.matchAll(/labels\('([\w.]+)', \[([^\]]*)\]\)/g)) {
        for (const k of m[2]!.matchAll(/'(\w+)'/g)) if (!known.has(`${m[1]}.${k[1]}`)) missing.push(`${relative(root, file)}: ${m[1]}.${k[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Words that are the same in both languages: product, provider and protocol names, example web addresses. */
const SAME_IN_BOTH = /^(Switchboard|WhatsApp|SMS|QR|URL|CSV|ID|OK|English|Bahasa Indonesia|https?:\/\/\S*|[\d\s.,:·—–%+#()/-]*)$/;
/** Attributes a person reads or hears. */
const VISIBLE_ATTRS = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'help', 'submitLabel', 'busyLabel', 'retryLabel', 'aria-valuetext', 'confirmLabel', 'emptyText']);

/** English typed into JSX: text between tags, visible attributes, and string literals as children. */
function literals(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const flag = (node: ts.Node, text: string) => {
    const s = text.replace(/\s+/g, ' ').trim();
    if (/\p{L}/u.test(s) && !SAME_IN_BOTH.test(s)) found.push(`${relative(root, file)}:${src.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${s}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) flag(node, node.text);
    else if (ts.isJsxAttribute(node) && VISIBLE_ATTRS.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) flag(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))) flag(init, init.expression.text);
    } else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && node.expression) {
      const e = node.expression;
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) flag(e, e.text);
      if (ts.isConditionalExpression(e)) for (const b of [e.whenTrue, e.whenFalse]) if (ts.isStringLiteral(b)) flag(b, b.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

describe('screens', () => {
  const tsx = sources().filter((f) => f.endsWith('.tsx'));

  it('have no English typed into their JSX (outside the list still being translated)', () => {
    const offenders = tsx.filter((f) => !UNTRANSLATED.includes(relative(root, f))).flatMap(literals);
    expect(offenders).toEqual([]);
  });

  it('leave the still-being-translated list once they are translated', () => {
    const done = UNTRANSLATED.filter((f) => tsx.some((t) => relative(root, t) === f) && literals(join(root, f)).length === 0);
    expect(done, 'remove these from test/unit/i18n-untranslated.ts').toEqual([]);
  });
});

describe('choosing the language', () => {
  it('follows the system unless a language is chosen', () => {
    expect(languageOf('id-ID')).toBe('id');
    expect(languageOf('in')).toBe('id');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(resolveLanguage('system', 'id')).toBe('id');
    expect(resolveLanguage('en', 'id-ID')).toBe('en');
    expect(resolveLanguage('id', 'en-US')).toBe('id');
  });

  it('words an error from its key, falling back to the English message', async () => {
    await i18n.changeLanguage('id');
    expect(errorText({ code: 'validation', message: 'Name is required', key: 'errors.validation.required', params: { field: 'accountName' } })).toBe('Nama akun wajib diisi');
    expect(errorText({ code: 'validation', message: 'Plain English', key: 'errors.no.such.key' })).toBe('Plain English');
    expect(errorText({ code: 'internal', message: 'Plain English' })).toBe('Plain English');
    await i18n.changeLanguage('en');
  });
});
