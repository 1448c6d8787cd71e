import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is the library face (runCli, commands); `main` runs the CLI and is what bin/refract.js loads.
  entry: { index: 'src/index.ts', main: 'src/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  esbuildOptions(options) {
    options.conditions = ['@refract/source'];
  },
});
