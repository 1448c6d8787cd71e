#!/usr/bin/env node
// The `refract` command. Runs the built CLI (packages/cli/dist), which `npm install` builds
// through the root `prepare` script (or run `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('refract: the CLI is not built yet. Run "npm run build" in the repository root (npm install does it too).\n');
  process.exit(1);
}
await import(main.href);
