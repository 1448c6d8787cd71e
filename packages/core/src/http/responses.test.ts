import { describe, expect, it } from 'vitest';
import { jsonResponse, RESPONSE_TEXT } from './responses';

describe('jsonResponse', () => {
  it('keeps its body text under RESPONSE_TEXT, equal to the body it streams, without making it enumerable', async () => {
    const response = jsonResponse({ a: 1, b: ['x'] }, 201, { 'x-refract-model': 'm' });
    const kept = (response as unknown as Record<symbol, unknown>)[RESPONSE_TEXT];
    expect(kept).toBe('{"a":1,"b":["x"]}');
    expect(await response.text()).toBe(kept);
    expect(Object.keys(response)).toEqual([]);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(RESPONSE_TEXT).toBe(Symbol.for('refract.response-text'));
  });
});
