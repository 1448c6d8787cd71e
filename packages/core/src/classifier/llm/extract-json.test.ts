import { describe, expect, it } from 'vitest';
import { extractJson } from './extract-json';

describe('extractJson', () => {
  it('reads a bare object, a fenced block, or the first-to-last brace span', () => {
    expect(extractJson('{"category":"a"}')).toEqual({ category: 'a' });
    expect(extractJson('Here:\n```json\n{"category":"b"}\n```')).toEqual({ category: 'b' });
    expect(extractJson('```\n{"category":"c"}\n```')).toEqual({ category: 'c' });
    expect(extractJson('I would say {"category": "d", "reasoning": "uses {braces} inside"} overall.')).toEqual({ category: 'd', reasoning: 'uses {braces} inside' });
  });

  it('skips a broken fenced block when a later one parses', () => {
    expect(extractJson('```json\n{"category": \n```\nfixed:\n```json\n{"category":"e"}\n```')).toEqual({ category: 'e' });
  });

  it('returns undefined for garbage, non-object JSON and empty answers; an object inside an array is found', () => {
    expect(extractJson('')).toBeUndefined();
    expect(extractJson('no json here')).toBeUndefined();
    expect(extractJson('[1, 2]')).toBeUndefined();
    expect(extractJson('"coding_simple"')).toBeUndefined();
    expect(extractJson('[{"category":"a"}]')).toEqual({ category: 'a' });
    expect(extractJson('{"category": "a",')).toBeUndefined();
  });
});
