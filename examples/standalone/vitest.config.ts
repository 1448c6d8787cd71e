import { defineConfig } from 'vitest/config';

// Inside the Refract repository, resolve @refract/* to TypeScript source so the test needs no build.
export default defineConfig({
  resolve: { conditions: ['@refract/source'] },
  ssr: { resolve: { conditions: ['@refract/source'] } },
  test: { testTimeout: 60_000 },
});
