import { afterEach, describe, expect, it } from 'vitest';
import { mockAnthropic, type AnthropicMock } from './testing/mock-anthropic';

let mock: AnthropicMock | undefined;
afterEach(async () => {
  mock?.agent.assertNoPendingInterceptors();
  await mock?.close();
  mock = undefined;
});

const model = (id: string) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' });

describe('listModels', () => {
  it('reads GET /v1/models and follows has_more pages', async () => {
    mock = mockAnthropic();
    mock.reply({ body: JSON.stringify({ data: [model('claude-sonnet-4-5-20250929'), model('claude-haiku-4-5-20251001')], has_more: true, first_id: 'a', last_id: 'claude-haiku-4-5-20251001' }) });
    mock.reply({ body: JSON.stringify({ data: [model('claude-3-haiku-20240307')], has_more: false, first_id: 'b', last_id: 'claude-3-haiku-20240307' }) });
    const models = await mock.adapter.listModels?.();
    expect(models).toEqual([
      { id: 'claude-sonnet-4-5-20250929', ownedBy: 'anthropic' },
      { id: 'claude-haiku-4-5-20251001', ownedBy: 'anthropic' },
      { id: 'claude-3-haiku-20240307', ownedBy: 'anthropic' },
    ]);
    expect(mock.sentPaths).toEqual(['/v1/models?limit=1000', '/v1/models?limit=1000&after_id=claude-haiku-4-5-20251001']);
    expect(mock.sentHeaders[0]).toMatchObject({ 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' });
  });

  it('turns an error answer into a ProviderError', async () => {
    mock = mockAnthropic();
    mock.reply({ status: 401, body: JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }) });
    await expect(mock.adapter.listModels?.()).rejects.toMatchObject({ kind: 'auth', providerStatus: 401 });
  });
});
