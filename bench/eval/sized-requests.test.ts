import { heuristicTokenizer, parseChatRequest } from '@refract/core';
import { createTiktokenTokenizer } from '@refract/core/tiktoken';
import { sharedPath } from '@refract/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { conversationRequest, singleTurnRequest } from './sized-requests';

describe('benchmark requests', () => {
  const dataDir = sharedPath('data', 'eval-dev');
  const tiktoken = createTiktokenTokenizer();
  afterAll(() => tiktoken.free());

  it('builds a valid single-turn request of exactly the target size or one token under', () => {
    const sized = singleTurnRequest(dataDir, 2000, tiktoken);
    expect(() => parseChatRequest(sized.request)).not.toThrow();
    expect(sized.request.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(sized.tokens).toBeLessThanOrEqual(2000);
    expect(sized.tokens).toBeGreaterThanOrEqual(1999);
  });

  it('builds a valid multi-turn conversation of at least the target size, ending on a user turn', () => {
    const sized = conversationRequest(dataDir, 100_000, tiktoken);
    expect(() => parseChatRequest(sized.request)).not.toThrow();
    const roles = sized.request.messages.map((message) => message.role);
    expect(roles[0]).toBe('system');
    expect(roles.at(-1)).toBe('user');
    expect(roles.filter((role) => role === 'assistant').length).toBeGreaterThan(10);
    expect(sized.tokens).toBeGreaterThanOrEqual(100_000);
    expect(sized.tokens).toBeLessThan(110_000);
  });

  it('is deterministic', () => {
    expect(singleTurnRequest(dataDir, 500, heuristicTokenizer)).toEqual(singleTurnRequest(dataDir, 500, heuristicTokenizer));
  });
});
