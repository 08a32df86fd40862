// Folder boundaries from DESIGN.md, enforced: shared/ is platform-free, services never touch
// electron, the renderer never reaches into electron/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'child_process'], message: 'shared/ must stay platform-free.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'shared/ must stay platform-free.' }], patterns: [nodeBuiltins, { group: ['react', 'react-dom'], message: 'shared/ has no DOM code.' }] }],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services are plain Node; Electron glue lives in electron/main.ts and electron/ipc/.' }, { name: 'electron-store', message: 'Services see the Settings interface, not electron-store.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer talks only through window.switchboard.' }], patterns: [{ group: ['**/electron/**', 'node:*'], message: 'The renderer never imports main-process code.' }] }],
    },
  },
);
