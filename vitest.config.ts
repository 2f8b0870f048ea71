import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const executablePath = findChromium() ?? undefined;
const react18 = path.join(root, 'test/react18/node_modules');

const unit = {
  environment: 'jsdom' as const,
  include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
  exclude: ['test/e2e/**', '**/node_modules/**'],
  setupFiles: ['test/setup.ts'],
};

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', ...unit, env: { RCW_EXPECTED_REACT: '19' } } },
      {
        // The same suites against React 18 (installed in test/react18 by `npm test`). Dependencies are inlined so
        // Testing Library, TanStack Query and Radix resolve `react` through the alias too: one React, not two.
        extends: true,
        resolve: {
          // ESM builds, so dependencies are inlined through Vite's resolver and see the alias below.
          mainFields: ['module', 'main'],
          alias: [
            { find: /^react$/, replacement: path.join(react18, 'react/index.js') },
            { find: /^react\/(.*)$/, replacement: path.join(react18, 'react/$1') },
            { find: /^react-dom$/, replacement: path.join(react18, 'react-dom/index.js') },
            { find: /^react-dom\/(.*)$/, replacement: path.join(react18, 'react-dom/$1') },
          ],
        },
        test: { name: 'unit-react18', ...unit, env: { RCW_EXPECTED_REACT: '18' }, server: { deps: { inline: true } } },
      },
      {
        // Real Chromium against the example host app and the BigCommerce simulator (RELIABILITY D and G).
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(root, '.storybook') })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
