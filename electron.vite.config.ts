import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('electron/main.ts'),
          // The browser shell runs the same services under plain Node (no electron import).
          shell: resolve('electron/shell/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot `require` local chunks: emit one self-contained CommonJS file.
      rollupOptions: { input: { index: resolve('electron/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true } },
      externalizeDeps: { exclude: ['zod'] },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: { rollupOptions: { input: resolve('renderer/index.html') } },
  },
});
