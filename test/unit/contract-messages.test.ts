// The IPC contract's own validation messages (the English texts in shared/*.ts schemas) must each
// have a message key (shared/messageKeys.ts), so the renderer words them in the operator's language;
// zod's built-in messages get a generic key by issue kind. Found statically, so a new schema message
// without a key fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { validationKey } from '../../shared/messageKeys';
import { createRouter } from '../../electron/ipc/router';
import type { Handlers } from '../../electron/services/app';
import { channelNames } from '../../shared/ipc';
import type { AppError } from '../../shared/model';
import { errorText, i18n } from '../../renderer/src/i18n';

const shared = join(import.meta.dirname, '../../shared');
const CHECKS = new Set(['min', 'max', 'length', 'regex', 'refine', 'nonempty', 'superRefine']);

/** Every literal message passed to a zod check in shared/, with `${…}` parts read as a number. */
function contractMessages(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const name of readdirSync(shared).filter((f) => f.endsWith('.ts'))) {
    const sf = ts.createSourceFile(name, readFileSync(join(shared, name), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && CHECKS.has(node.expression.name.text)) {
        for (const arg of node.arguments.slice(node.expression.name.text === 'nonempty' ? 0 : 1)) {
          const where = `shared/${name}:${sf.getLineAndCharacterOfPosition(arg.getStart(sf)).line + 1}`;
          // A template starting with a value (`${subject} is required`) is a helper's; its uses are read below.
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) found.push({ where, text: arg.text });
          else if (ts.isTemplateExpression(arg) && arg.head.text) found.push({ where, text: arg.head.text + arg.templateSpans.map((s) => '50' + s.literal.text).join('') });
        }
      }
      // text(100, 'The full name'): a helper that builds "… is required" / "… can be at most N characters".
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'text' && node.arguments.length === 2 && ts.isStringLiteral(node.arguments[1]!)) {
        const subject = node.arguments[1].text;
        const where = `shared/${name}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
        found.push({ where, text: `${subject} is required` }, { where, text: `${subject} can be at most 50 characters` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe("the contract's validation messages", () => {
  const messages = contractMessages();

  it('are found (the scan works)', () => {
    expect(messages.length).toBeGreaterThan(30);
  });

  it('each have a message key', () => {
    expect(messages.filter((m) => !validationKey(m.text)).map((m) => `${m.where}: ${m.text}`)).toEqual([]);
  });
});

describe('a request the contract refuses', () => {
  const handlers = Object.fromEntries(channelNames.map((c) => [c, async () => null]));
  const router = createRouter(handlers as unknown as Handlers);
  const refuse = async (channel: string, input: unknown): Promise<AppError> => {
    const res = await router.dispatch(channel, input);
    if (res.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
    return res.error;
  };

  it("is worded from the contract's own message", async () => {
    const error = await refuse('threads:start', { accountId: 'a1', phone: '1' });
    expect(error.key).toBe('errors.validation.enterPhone');
  });

  it("is worded in the operator's language when zod's built-in message is all there is", async () => {
    const tooLong = await refuse('threads:start', { accountId: 'a1', phone: '+62 812 3456 7890', name: 'x'.repeat(101) });
    expect(tooLong).toMatchObject({ key: 'errors.validation.tooLongAny', params: { max: 100, path: 'name' } });
    const wrongKind = await refuse('threads:markRead', { threadId: 3 });
    expect(wrongKind).toMatchObject({ key: 'errors.validation.invalid', params: { path: 'threadId' } });
    await i18n.changeLanguage('id');
    try {
      expect(errorText(tooLong)).toBe('name: Paling banyak 100 karakter');
      expect(errorText(wrongKind)).toBe('threadId: Nilai ini tidak valid');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
