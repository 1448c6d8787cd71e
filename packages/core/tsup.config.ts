import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', tiktoken: 'src/tokenizer/tiktoken.ts', testing: 'src/testing/index.ts' },
  // The contract suites (`@refract/core/testing`) run inside the caller's vitest.
  external: ['vitest'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  esbuildOptions(options) {
    options.conditions = ['@refract/source'];
  },
});
