import { isRecord } from '../shared/json-values';

const MAX_DEPTH = 6;

/**
 * A deterministic value that satisfies a JSON Schema well enough for a client to parse it: the
 * first `enum` or `const`, `minimum` (or 1) for numbers, `true`, one item per array, and every
 * required property (all properties when none is marked required). Strings take `text`, trimmed
 * to `maxLength`. Used by the demo provider for tool-call arguments and JSON-schema answers.
 *
 * @example
 * sampleFromSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, 'Paris');
 * // { city: 'Paris' }
 */
export function sampleFromSchema(schema: unknown, text: string, depth = 0): unknown {
  if (!isRecord(schema) || depth > MAX_DEPTH) return text;
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const first = options.find((option) => !(isRecord(option) && option['type'] === 'null'));
      if (first !== undefined) return sampleFromSchema(first, text, depth + 1);
    }
  }
  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, text, depth);
    case 'array': {
      const minItems = typeof schema['minItems'] === 'number' ? Math.max(1, schema['minItems']) : 1;
      return Array.from({ length: Math.min(minItems, 3) }, () => sampleFromSchema(schema['items'], text, depth + 1));
    }
    case 'integer':
      return typeof schema['minimum'] === 'number' ? Math.ceil(schema['minimum']) : 1;
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : undefined;
      return maxLength === undefined ? text : text.slice(0, maxLength);
    }
  }
}

function sampleObject(schema: Record<string, unknown>, text: string, depth: number): Record<string, unknown> {
  const properties = isRecord(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : Object.keys(properties);
  const out: Record<string, unknown> = {};
  for (const name of required) out[name] = sampleFromSchema(properties[name], text, depth + 1);
  return out;
}

function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((entry): entry is string => typeof entry === 'string' && entry !== 'null');
  if (isRecord(schema['properties'])) return 'object';
  if (schema['items'] !== undefined) return 'array';
  return undefined;
}
