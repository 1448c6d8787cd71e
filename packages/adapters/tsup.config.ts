import { defineConfig } from 'tsup';

const providers = ['openai', 'azure', 'anthropic', 'bedrock', 'ollama', 'gemini', 'demo'] as const;

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(providers.map((provider) => [provider, `src/${provider}/index.ts`])),
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  esbuildOptions(options) {
    options.conditions = ['@refract/source'];
  },
});
