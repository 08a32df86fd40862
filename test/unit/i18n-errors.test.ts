// Errors from main travel as message keys with parameters (`new AppFailure(…).keyed('errors.x', { n })`)
// and are worded by the renderer. Every key main names must be in both language files, its
// parameters must be exactly the placeholders the texts use, and the English text must be the
// `message` main sends as the fallback.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import id from '../../renderer/src/i18n/id.json';
import { errorText, i18n } from '../../renderer/src/i18n';

type Tree = { [k: string]: string | Tree };
const root = join(import.meta.dirname, '../..');
const electron = join(root, 'electron');

function sources(dir = electron): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

/** The texts of a key: itself, or its plural forms ("x_one", "x_other") when it is counted. */
function texts(tree: Tree, key: string): string[] {
  const node = lookup(tree, key);
  if (typeof node === 'string') return [node];
  const at = key.lastIndexOf('.');
  const parent = lookup(tree, key.slice(0, at));
  if (!parent || typeof parent === 'string') return [];
  const name = key.slice(at + 1);
  return Object.entries(parent).flatMap(([k, v]) => (typeof v === 'string' && /^(.+)_(zero|one|two|few|many|other)$/.exec(k)?.[1] === name ? [v] : []));
}
const hasOther = (tree: Tree, key: string) => typeof lookup(tree, key) === 'string' || typeof lookup(tree, `${key}_other`) === 'string';

const placeholders = (s: string) => new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!));
/** Parameters the renderer uses without a placeholder: `path` is put before the worded text. */
const IMPLICIT = new Set(['path']);
/** Local shorthands whose only argument is the message: `const invalid = (message) => new AppFailure('validation', message)`. */
const HELPERS = new Set(['invalid', 'conflict']);

interface Site {
  where: string;
  /** Literal keys (both branches of `a ? 'x' : 'y'`, the default of `e.key ?? 'x'`). */
  keys: string[];
  /** Prefixes of keys built from data (`errors.notFound.${thing}`). */
  prefixes: string[];
  /** Parameter names, or null when they are not an object literal we can read. */
  params: string[] | null;
  /** The English message main sends with it, when it is written right there. */
  message: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression | null;
  /** Keys we could not read statically. */
  unread: string[];
}

function keyParts(e: ts.Expression, site: Site, sf: ts.SourceFile): void {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) site.keys.push(e.text);
  else if (ts.isParenthesizedExpression(e)) keyParts(e.expression, site, sf);
  else if (ts.isConditionalExpression(e)) {
    keyParts(e.whenTrue, site, sf);
    keyParts(e.whenFalse, site, sf);
  } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) keyParts(e.right, site, sf);
  else if (ts.isTemplateExpression(e)) site.prefixes.push(e.head.text.replace(/\.$/, ''));
  // A wording passed on (`problem.key`, `wording.key`): its keys are checked where it is made.
  else if (ts.isPropertyAccessExpression(e) && e.name.text === 'key') return;
  else site.unread.push(e.getText(sf));
}

function paramNames(e: ts.Expression | undefined): string[] | null {
  if (!e) return [];
  if (!ts.isObjectLiteralExpression(e)) return null;
  const names: string[] = [];
  for (const p of e.properties) {
    if (ts.isShorthandPropertyAssignment(p)) names.push(p.name.text);
    else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.push(p.name.text);
    else return null;
  }
  return names;
}

function keyedSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sources()) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'keyed' && node.arguments.length > 0) {
        const where = `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
        const site: Site = { where, keys: [], prefixes: [], params: paramNames(node.arguments[1]), message: null, unread: [] };
        keyParts(node.arguments[0]!, site, sf);
        const receiver = node.expression.expression;
        const m =
          ts.isNewExpression(receiver) && receiver.expression.getText(sf) === 'AppFailure'
            ? receiver.arguments?.[1]
            : ts.isCallExpression(receiver) && HELPERS.has(receiver.expression.getText(sf))
              ? receiver.arguments[0]
              : undefined;
        if (m && (ts.isStringLiteral(m) || ts.isNoSubstitutionTemplateLiteral(m) || ts.isTemplateExpression(m))) site.message = m;
        sites.push(site);
      }
      // A result carrying its own wording ({ message, key, params }: ConnectionTest).
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name: string) => node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === name);
        const key = prop('key');
        const message = prop('message');
        if (key && message && (ts.isStringLiteral(key.initializer) || ts.isConditionalExpression(key.initializer))) {
          const where = `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
          const m = message.initializer;
          const site: Site = { where, keys: [], prefixes: [], params: paramNames(prop('params')?.initializer), message: null, unread: [] };
          if (ts.isStringLiteral(m) || ts.isNoSubstitutionTemplateLiteral(m) || ts.isTemplateExpression(m)) site.message = m;
          keyParts(key.initializer, site, sf);
          sites.push(site);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Does the English text, with its placeholders filled in, read as main's message? */
function sameWording(message: NonNullable<Site['message']>, text: string): boolean {
  if (!ts.isTemplateExpression(message)) return message.text === text;
  const pattern = escape(message.head.text) + message.templateSpans.map((s) => '[\\s\\S]*' + escape(s.literal.text)).join('');
  return new RegExp(`^${pattern}$`).test(text.replace(/\{\{\w+\}\}/g, '‹value›'));
}

/** Every "errors.…" string in main, wherever it is (keys chosen in a variable first, too). */
function keyLiterals(): { where: string; key: string }[] {
  const found: { where: string; key: string }[] = [];
  for (const file of sources()) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) && /^errors\.[a-zA-Z][\w.]*\w$/.test(node.text)) {
        found.push({ where: `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`, key: node.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('error keys named in main', () => {
  const sites = keyedSites();

  it('are found (the scan works)', () => {
    expect(sites.length).toBeGreaterThan(50);
  });

  it('are all read statically', () => {
    expect(sites.filter((s) => s.unread.length).map((s) => `${s.where}: ${s.unread.join(', ')}`)).toEqual([]);
  });

  it('are worded in both languages', () => {
    const missing: string[] = [];
    for (const s of sites) {
      for (const key of s.keys) {
        if (!key.startsWith('errors.')) missing.push(`${s.where}: ${key} is not under "errors."`);
        for (const [lang, tree] of [['en', en], ['id', id]] as const) {
          if (!hasOther(tree as Tree, key)) missing.push(`${s.where}: ${key} missing in ${lang}.json`);
        }
      }
      for (const prefix of s.prefixes) {
        for (const [lang, tree] of [['en', en], ['id', id]] as const) {
          const node = lookup(tree as Tree, prefix);
          if (!node || typeof node === 'string') missing.push(`${s.where}: ${prefix}.* missing in ${lang}.json`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('include every "errors.…" string in main, defined in both languages', () => {
    const missing = keyLiterals().flatMap(({ where, key }) =>
      (['en', 'id'] as const).filter((lang) => !hasOther((lang === 'en' ? en : id) as Tree, key)).map((lang) => `${where}: ${key} missing in ${lang}.json`),
    );
    expect(missing).toEqual([]);
  });

  it('give exactly the parameters their texts use', () => {
    const wrong: string[] = [];
    for (const s of sites) {
      if (s.params === null) continue;
      const given = new Set(s.params);
      const used = new Set<string>();
      for (const key of s.keys) {
        for (const [lang, tree] of [['en', en], ['id', id]] as const) {
          for (const p of texts(tree as Tree, key).flatMap((text) => [...placeholders(text)])) {
            used.add(p);
            if (!given.has(p)) wrong.push(`${s.where}: ${key} (${lang}) uses {{${p}}}, not given`);
          }
        }
      }
      if (s.prefixes.length) continue;
      for (const p of given) if (!used.has(p) && !IMPLICIT.has(p)) wrong.push(`${s.where}: ${p} is given but no text of ${s.keys.join(' / ')} uses it`);
    }
    expect(wrong).toEqual([]);
  });

  it('keep the English text the same as the message main sends', () => {
    const differing: string[] = [];
    for (const s of sites) {
      if (!s.message || s.keys.length !== 1) continue;
      const forms = texts(en as Tree, s.keys[0]!);
      if (forms.length && !forms.some((text) => sameWording(s.message!, text))) differing.push(`${s.where}: ${s.keys[0]}\n  main: ${s.message.getText()}\n  en:   ${forms.join(' | ')}`);
    }
    expect(differing).toEqual([]);
  });
});

/**
 * Failures left unkeyed on purpose, each with why. Everything else main throws or returns must name
 * its message key, so nothing reaches an Indonesian screen in English.
 */
const UNKEYED: { file: string; made: string; why: string }[] = [
  { file: 'electron/services/inbox.ts', made: "new AppFailure('validation', thread.notReplyableReason)", why: 'a not-replyable reason stored before wordings existed (migration 012) is shown as it was stored' },
  { file: 'electron/services/media/service.ts', made: "new AppFailure('validation', f.error)", why: 'a download failure stored before wordings existed (migration 012) is shown as it was stored' },
];
const listedUnkeyed = (file: string, text: string) => UNKEYED.some((u) => u.file === file && text.startsWith(u.made));

/** Is this expression's value keyed where it is made: `x.keyed(…)`, possibly through parentheses? */
function keyedWhereMade(node: ts.Node): boolean {
  let at = node;
  while (ts.isParenthesizedExpression(at.parent)) at = at.parent;
  const p = at.parent;
  return ts.isPropertyAccessExpression(p) && p.expression === at && p.name.text === 'keyed' && ts.isCallExpression(p.parent);
}

/** The name of the const a node is the body of (`const invalid = (m) => new AppFailure(…)`), if any. */
function helperName(node: ts.Node): string | null {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isArrowFunction(at) || ts.isFunctionExpression(at)) return ts.isVariableDeclaration(at.parent) && ts.isIdentifier(at.parent.name) ? at.parent.name.text : null;
    if (ts.isFunctionDeclaration(at)) return at.name?.text ?? null;
  }
  return null;
}

describe('failures made in main', () => {
  it('all name their message key (or are listed, with why, as not keyed)', () => {
    const unkeyed: string[] = [];
    let seen = 0;
    for (const file of sources()) {
      const rel = relative(root, file);
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const where = (n: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
      const visit = (node: ts.Node) => {
        if (ts.isNewExpression(node) && node.expression.getText(sf) === 'AppFailure') {
          seen++;
          const helper = helperName(node);
          // A shorthand whose only job is to make the failure: its calls are checked instead.
          const isShorthand = helper !== null && HELPERS.has(helper) && ts.isArrowFunction(node.parent);
          if (!keyedWhereMade(node) && !isShorthand && !listedUnkeyed(rel, node.getText(sf))) unkeyed.push(`${where(node)}: ${node.getText(sf).slice(0, 90)}`);
        }
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && HELPERS.has(node.expression.text) && !keyedWhereMade(node)) {
          unkeyed.push(`${where(node)}: ${node.getText(sf).slice(0, 90)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(seen).toBeGreaterThan(200);
    expect(unkeyed).toEqual([]);
  });
});

describe('a connection test result worded in the renderer', () => {
  it('counts in English and reads in Bahasa Indonesia', async () => {
    const result = { code: 'unexpected_response' as const, message: 'Connected. Qontak Hub lists 2 WhatsApp channels for this account.', key: 'errors.connection.qontakChannels', params: { count: 2 } };
    await i18n.changeLanguage('en');
    expect(errorText(result)).toBe(result.message);
    expect(errorText({ ...result, params: { count: 1 } })).toBe('Connected. Qontak Hub lists 1 WhatsApp channel for this account.');
    await i18n.changeLanguage('id');
    expect(errorText(result)).toBe('Terhubung. Qontak Hub mencantumkan 2 saluran WhatsApp untuk akun ini.');
    await i18n.changeLanguage('en');
  });
});
