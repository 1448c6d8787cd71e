import { defineConfig } from 'vitest/config';

/**
 * One vitest run for every workspace. In-repo imports resolve to TypeScript source through the
 * `@refract/source` export condition, so no build is needed before testing.
 */
export default defineConfig({
  resolve: { conditions: ['@refract/source'] },
  ssr: { resolve: { conditions: ['@refract/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 20_000,
    pool: 'forks',
  },
});
