import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../src/**/*.mdx', '../src/**/*.stories.@(ts|tsx)', '../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal(config) {
    // Pre-bundle what the stories import, so a cold cache does not make Vite re-optimize and reload the page in the
    // middle of a story test run (every story of the file then fails at once).
    config.optimizeDeps ??= {};
    config.optimizeDeps.include = [
      ...(config.optimizeDeps.include ?? []),
      '@radix-ui/react-dialog',
      '@radix-ui/react-slot',
      '@tanstack/react-query',
      'react-dom/client',
      'zod/mini',
    ];
    // "use client" directives in dependencies are harmless in an SPA build (TOOLCHAIN gotcha 11).
    config.build ??= {};
    // Storybook's own preview bundle (docs blocks, axe) is large by design; only our warnings are interesting.
    config.build.chunkSizeWarningLimit = 1_500;
    const build = config.build as Record<string, unknown> & { rolldownOptions?: Record<string, unknown> };
    build.rolldownOptions = {
      ...build.rolldownOptions,
      onwarn(warning: { code?: string }, warn: (w: unknown) => void) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    };
    return config;
  },
};

export default config;
