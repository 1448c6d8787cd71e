import { describe, expect, it } from 'vitest';
import type { GeminiPartialArg } from './gemini-api-types';
import { PartialArgsOrderError, PartialArgsWriter, parseJsonPath } from './partial-args-writer';

function write(argumentsList: GeminiPartialArg[]): { fragments: string[]; json: string } {
  const writer = new PartialArgsWriter();
  const fragments = argumentsList.map((argument) => writer.apply(argument));
  fragments.push(writer.finish());
  return { fragments, json: fragments.join('') };
}

describe('PartialArgsWriter', () => {
  it('streams strings continued over chunks as they arrive', () => {
    const { fragments, json } = write([
      { jsonPath: '$.location', stringValue: 'San ', willContinue: true },
      { jsonPath: '$.location', stringValue: 'Francisco "SF"', willContinue: true },
      { jsonPath: '$.location', stringValue: '' },
    ]);
    expect(fragments).toEqual(['{"location":"San ', 'Francisco \\"SF\\"', '"', '}']);
    expect(JSON.parse(json)).toEqual({ location: 'San Francisco "SF"' });
  });

  it('builds nested objects and arrays of objects and of scalars', () => {
    const { json } = write([
      { jsonPath: '$.recipe.ingredients[0].amount', stringValue: '16 oz' },
      { jsonPath: '$.recipe.ingredients[0].name', stringValue: 'Noodles' },
      { jsonPath: '$.recipe.ingredients[1].amount', stringValue: '1 lb' },
      { jsonPath: '$.recipe.name', stringValue: 'Lasagna' },
      { jsonPath: '$.recipe.steps[0]', stringValue: 'Preheat', willContinue: true },
      { jsonPath: '$.recipe.steps[0]', stringValue: ' oven' },
      { jsonPath: '$.recipe.steps[1]', stringValue: 'Bake' },
      { jsonPath: '$.count', numberValue: 2.5 },
      { jsonPath: '$.vegan', boolValue: false },
      { jsonPath: "$['odd key'][0]", nullValue: null },
    ]);
    expect(JSON.parse(json)).toEqual({
      recipe: {
        ingredients: [{ amount: '16 oz', name: 'Noodles' }, { amount: '1 lb' }],
        name: 'Lasagna',
        steps: ['Preheat oven', 'Bake'],
      },
      count: 2.5,
      vegan: false,
      'odd key': [null],
    });
  });

  it('closes an open string and containers when the call ends early, and writes {} for no arguments', () => {
    expect(JSON.parse(write([{ jsonPath: '$.a.b', stringValue: 'x', willContinue: true }]).json)).toEqual({ a: { b: 'x' } });
    expect(write([]).json).toBe('{}');
  });

  it('refuses paths that would produce invalid JSON', () => {
    const reopen = new PartialArgsWriter();
    reopen.apply({ jsonPath: '$.a.x', numberValue: 1 });
    reopen.apply({ jsonPath: '$.b', numberValue: 2 });
    expect(() => reopen.apply({ jsonPath: '$.a.y', numberValue: 3 })).toThrow(PartialArgsOrderError);
    const repeat = new PartialArgsWriter();
    repeat.apply({ jsonPath: '$.a', numberValue: 1 });
    expect(() => repeat.apply({ jsonPath: '$.a', numberValue: 2 })).toThrow(/repeated/);
    const gap = new PartialArgsWriter();
    expect(() => gap.apply({ jsonPath: '$.list[1]', numberValue: 1 })).toThrow(/expected/);
    expect(() => new PartialArgsWriter().apply({ jsonPath: '$.a' })).toThrow(/no value/);
  });

  it('parses JSON paths', () => {
    expect(parseJsonPath("$.a.b[12]['c.d'][\"e\"]")).toEqual(['a', 'b', 12, 'c.d', 'e']);
    expect(() => parseJsonPath('a.b')).toThrow(PartialArgsOrderError);
    expect(() => parseJsonPath('$')).toThrow(/root/);
  });
});
