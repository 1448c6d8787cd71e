/**
 * route() on a ~2k-token single-turn request and a ~100k-token conversation built from eval-dev
 * (bench/eval/sized-requests.ts), with the built-in catalog and no classifier. Targets (p50):
 * ≤ 30 µs and ≤ 2 ms. vitest bench prints mean/p75/p99; bench/route-p50.ts prints p50 directly
 * (`npm run bench` runs both).
 */
import { createRouter } from '@refract/core';
import { SHARED_DIR } from '@refract/test-support';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { routeBenchmarkRequests } from './eval/sized-requests';

/** Long enough for a few hundred samples even on a loaded machine. */
const OPTIONS = { time: 2000, warmupTime: 300 };

const router = createRouter();
const requests = routeBenchmarkRequests(join(SHARED_DIR, 'data', 'eval-dev'));
// The first call loads the catalog, tenant and rule-set caches: not what is measured.
for (const sized of requests) await router.route(sized.request);

for (const sized of requests) {
  describe(`route(): ${sized.name} (${sized.tokens} tokens, target p50 ${sized.targetP50Ms * 1000} µs)`, () => {
    bench('route(request)', async () => {
      await router.route(sized.request);
    }, OPTIONS);
    // As behind the HTTP layer, which has already parsed the request.
    bench('route(request, { validated: true })', async () => {
      await router.route(sized.request, { validated: true });
    }, OPTIONS);
  });
}
