// Builds the dashboard (client/) into the folder given as the first argument. Run by client-build.ts in a child
// process with NODE_ENV=production, so the bundle is a production React build whatever the parent's NODE_ENV
// (Vitest sets it to "test", which would make Vite emit development JSX).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const client = path.join(here, 'client');
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node build-client.mjs <outDir>');
  process.exit(2);
}

await build({
  configFile: false,
  root: client,
  base: '/',
  mode: 'production',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { main: path.join(client, 'index.html'), embed: path.join(client, 'embed.html') },
      // "use client" directives in dependencies mean nothing in a single-page build (TOOLCHAIN gotcha 11).
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
