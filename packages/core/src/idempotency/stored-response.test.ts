import { describe, expect, it } from 'vitest';
import { responseFromStored, storedFromResponse } from './stored-response';

describe('stored responses', () => {
  it('round-trip status, headers and body, and mark replays', async () => {
    const stored = await storedFromResponse(new Response('{"id":"chatcmpl-1"}', { status: 201, headers: { 'content-type': 'application/json', 'x-refract-model': 'gpt-4o-mini' } }));
    expect(stored).toEqual({ status: 201, headers: { 'content-type': 'application/json', 'x-refract-model': 'gpt-4o-mini' }, body: '{"id":"chatcmpl-1"}' });
    const fresh = responseFromStored(stored, false);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    const replay = responseFromStored(stored, true);
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.headers.get('x-refract-model'), await replay.text()]).toEqual([201, 'true', 'gpt-4o-mini', '{"id":"chatcmpl-1"}']);
  });
});
