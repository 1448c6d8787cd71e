import { createRouter } from '@refract/core';
import { describe, expect, it } from 'vitest';
import { unknownKeys } from './unknown-keys';

describe('unknownKeys', () => {
  it('finds keys that parsing dropped, at any depth, with dotted paths', () => {
    const input = {
      provders: [],
      providers: [{ id: 'openai', models: ['gpt-4o-mini', { id: 'gpt-4o', prority: 5 }] }],
      routing: { costMod: 'economy', maxFallbacks: 2 },
    };
    const router = createRouter(input as never);
    expect(unknownKeys(input, router.config).sort()).toEqual(['provders', 'providers.0.models.1.prority', 'routing.costMod']);
  });

  it('finds nothing in a config the schema knows entirely, record fields included', () => {
    const input = { providers: [{ id: 'openai', models: ['gpt-4o-mini'] }], models: { 'my-model': { tier: 'low' } }, routing: { costMode: 'quality' } };
    const router = createRouter(input as never);
    expect(unknownKeys(input, router.config)).toEqual([]);
  });
});
