import { defineConfig } from 'vitest/config';

// Inside the Refract repository, resolve @refract/core to its TypeScript source so the test needs
// no build. In your own project, you need no vitest config for this: @refract/core is a normal package.
export default defineConfig({
  resolve: { conditions: ['@refract/source'] },
  ssr: { resolve: { conditions: ['@refract/source'] } },
});
