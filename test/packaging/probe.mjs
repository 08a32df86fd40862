// Copied into the extracted packaged app next to out/main/index.js and run by plain Node: resolves
// and loads every package the main process imports, from the packaged tree only. 'electron' is
// built into the Electron binary, so it (only it) is answered by a stand-in exporting Electron's
// names. Prints one JSON report on stdout.
import { registerHooks } from 'node:module';
import process from 'node:process';

const { specifiers, electronNames, treeUrl } = JSON.parse(process.argv[2]);
/** Every file any import (direct or transitive) resolved to outside the packaged tree. */
const outside = new Set();
/** Every native binary loaded. */
const native = new Set();
const stub = [
  'const any = new Proxy(function () {}, { get: (_t, k) => (k === "then" ? undefined : any), apply: () => any, construct: () => any });',
  ...electronNames.map((n) => `export const ${n} = any;`),
  'export default any;',
].join('\n');
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: `data:text/javascript,${encodeURIComponent(stub)}`, shortCircuit: true };
    const result = next(specifier, context);
    if (result.url.startsWith('file:') && !result.url.startsWith(treeUrl)) outside.add(result.url);
    if (result.url.endsWith('.node')) native.add(result.url);
    return result;
  },
});

const report = [];
for (const spec of specifiers) {
  const entry = { spec };
  try {
    entry.resolved = import.meta.resolve(spec);
    const mod = await import(spec);
    entry.loaded = true;
    // Open a database: proves better-sqlite3's native binary is there and loads.
    if (spec === 'better-sqlite3') {
      const Database = mod.default;
      const db = new Database(':memory:');
      entry.check = db.prepare('select sqlite_version() as v').get().v;
      db.close();
    }
  } catch (err) {
    entry.error = String(err?.stack ?? err);
  }
  report.push(entry);
}
process.stdout.write(JSON.stringify({ report, outside: [...outside], native: [...native] }));
