import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../src/**/*.mdx', '../src/**/*.stories.@(ts|tsx)', '../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  staticDirs: [{ from: '../stories/public', to: '/' }],
  core: { disableTelemetry: true },
  viteFinal(config) {
    // "use client" directives in dependencies are harmless in an SPA build (TOOLCHAIN gotcha 11).
    config.build ??= {};
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
