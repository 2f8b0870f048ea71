import { defineConfig, type Options } from 'tsup';

// "use client" (TOOLCHAIN gotcha 4): esbuild keeps only the entry file's directive and `treeshake: true` strips
// even a banner, so browser entries get a banner with treeshake off. The server entry never gets it.
const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  target: 'es2022',
  splitting: false,
  external: ['react', 'react-dom', '@tanstack/react-query', '@radix-ui/react-dialog', '@radix-ui/react-slot', 'zod'],
};

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', callback: 'src/callback/index.ts', testing: 'src/testing/index.ts' },
    banner: { js: '"use client";' },
    treeshake: false,
    clean: true,
  },
  {
    ...shared,
    entry: { server: 'src/server/index.ts' },
    platform: 'node',
    treeshake: true,
    clean: false,
  },
]);
