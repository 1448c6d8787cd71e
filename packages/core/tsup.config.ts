import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', tiktoken: 'src/tokenizer/tiktoken.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  esbuildOptions(options) {
    options.conditions = ['@refract/source'];
  },
});
