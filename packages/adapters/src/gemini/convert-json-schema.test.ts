import { describe, expect, it } from 'vitest';
import { convertJsonSchemaToGemini } from './convert-json-schema';

describe('convertJsonSchemaToGemini', () => {
  it('keeps the supported subset and reports every dropped keyword with its path', () => {
    const { schema, dropped } = convertJsonSchemaToGemini({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name', minLength: 1, format: 'email' },
        days: { type: 'integer', minimum: 1, maximum: 7, exclusiveMaximum: 8, format: 'int32' },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
      },
      required: ['city'],
      additionalProperties: false,
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name', minLength: 1 },
        days: { type: 'integer', minimum: 1, maximum: 7, format: 'int32' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
      },
      required: ['city'],
    });
    expect(dropped.sort()).toEqual(
      [
        'additionalProperties',
        'exclusiveMaximum at properties.days',
        'format "email" at properties.city',
        'uniqueItems at properties.tags',
      ].sort(),
    );
  });

  it('turns null unions into nullable, string const into enum, oneOf into anyOf', () => {
    const { schema, dropped } = convertJsonSchemaToGemini({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'number' }, { type: 'null' }] },
        c: { const: 'fixed' },
        d: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
        e: { type: ['string', 'integer'] },
        f: { enum: [1, 2] },
      },
    });
    expect(schema?.['properties']).toEqual({
      a: { type: 'string', nullable: true },
      b: { type: 'number', nullable: true },
      c: { type: 'string', enum: ['fixed'] },
      d: { anyOf: [{ type: 'string' }, { type: 'boolean' }] },
      e: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      f: {},
    });
    expect(dropped).toEqual(['oneOf (sent as anyOf) at properties.d', 'enum (only string values are supported) at properties.f']);
  });

  it('inlines local $refs and refuses recursive ones with a report', () => {
    const { schema, dropped } = convertJsonSchemaToGemini({
      type: 'object',
      properties: { home: { $ref: '#/$defs/address', description: 'home' }, node: { $ref: '#/$defs/node' } },
      $defs: {
        address: { type: 'object', properties: { street: { type: 'string' } } },
        node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } },
      },
    });
    expect(schema?.['properties']).toEqual({
      home: { type: 'object', properties: { street: { type: 'string' } }, description: 'home' },
      node: { type: 'object', properties: { next: {} } },
    });
    expect(dropped).toEqual(['$ref #/$defs/node (recursive) at properties.node.properties.next']);
  });

  it('omits an object schema without properties when asked (Gemini rejects empty OBJECT parameters)', () => {
    expect(convertJsonSchemaToGemini({ type: 'object', properties: {} }, { omitEmptyObject: true }).schema).toBeUndefined();
    expect(convertJsonSchemaToGemini({ type: 'object' }, { omitEmptyObject: true }).schema).toBeUndefined();
    expect(convertJsonSchemaToGemini({ type: 'object' }).schema).toEqual({ type: 'object' });
  });

  it('drops tuple items, multi-branch allOf and unresolvable refs without crashing', () => {
    const { schema, dropped } = convertJsonSchemaToGemini({
      type: 'object',
      properties: {
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] },
        both: { allOf: [{ type: 'object' }, { required: ['x'] }] },
        remote: { $ref: 'https://example.com/schema.json' },
      },
    });
    expect(schema?.['properties']).toEqual({ pair: { type: 'array' }, both: {}, remote: {} });
    expect(dropped).toEqual([
      'items (tuple form) at properties.pair',
      'allOf at properties.both',
      '$ref https://example.com/schema.json (not a local definition) at properties.remote',
    ]);
  });
});
