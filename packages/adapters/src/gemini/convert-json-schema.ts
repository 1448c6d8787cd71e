/**
 * Converts a JSON Schema (tool parameters, `response_format.json_schema`) to the OpenAPI 3.0 subset
 * Gemini accepts in `parameters` and `responseSchema`. Keywords Gemini does not know are dropped and
 * reported; local `$ref`s are inlined; `type: [x, 'null']` and `anyOf` with a null branch become
 * `nullable`; a string `const` becomes a one-value `enum`; `oneOf` is sent as `anyOf`.
 */

const SUPPORTED_KEYWORDS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);

/** Pure annotations: dropping them changes nothing, so they are dropped without a report. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', '$defs', 'definitions']);

const SUPPORTED_FORMATS: Record<string, ReadonlySet<string>> = {
  string: new Set(['enum', 'date-time']),
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};

const MAX_DEPTH = 32;

export interface SchemaConversion {
  /** The converted schema, or undefined for an object schema without properties (Gemini rejects those). */
  schema: Record<string, unknown> | undefined;
  /** What was dropped or changed, e.g. `additionalProperties at properties.user`. */
  dropped: string[];
}

type JsonObject = Record<string, unknown>;

interface Context {
  root: JsonObject;
  dropped: string[];
  resolving: string[];
}

/**
 * @example
 * const { schema, dropped } = convertJsonSchemaToGemini({ type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false });
 * // schema: { type: 'object', properties: { city: { type: 'string' } } }, dropped: ['additionalProperties']
 */
export function convertJsonSchemaToGemini(schema: JsonObject, options: { omitEmptyObject?: boolean } = {}): SchemaConversion {
  const context: Context = { root: schema, dropped: [], resolving: [] };
  const converted = convertNode(schema, '', context, 0);
  const omit =
    options.omitEmptyObject === true &&
    converted['type'] === 'object' &&
    (converted['properties'] === undefined || Object.keys(converted['properties'] as JsonObject).length === 0);
  return { schema: omit ? undefined : converted, dropped: context.dropped };
}

function convertNode(node: unknown, path: string, context: Context, depth: number): JsonObject {
  if (node === true || node === undefined) return {};
  if (!isObject(node)) {
    drop(context, `schema ${JSON.stringify(node)}`, path);
    return {};
  }
  if (depth > MAX_DEPTH) {
    drop(context, 'nesting deeper than 32 levels', path);
    return {};
  }
  const reference = node['$ref'];
  if (typeof reference === 'string') return convertReference(node, reference, path, context, depth);

  const out: JsonObject = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type':
        applyType(out, value, path, context);
        break;
      case 'const':
        if (typeof value === 'string') out['enum'] = [value];
        else drop(context, 'const (only string values are supported)', path);
        break;
      case 'enum':
        if (Array.isArray(value) && value.every((item) => typeof item === 'string')) out['enum'] = value;
        else drop(context, 'enum (only string values are supported)', path);
        break;
      case 'oneOf':
      case 'anyOf':
        if (keyword === 'oneOf') drop(context, 'oneOf (sent as anyOf)', path);
        applyAnyOf(out, value, joinPath(path, keyword), context, depth);
        break;
      case 'allOf':
        if (Array.isArray(value) && value.length === 1) Object.assign(out, convertNode(value[0], joinPath(path, 'allOf.0'), context, depth + 1));
        else drop(context, 'allOf', path);
        break;
      case 'properties':
        if (isObject(value)) {
          out['properties'] = Object.fromEntries(
            Object.entries(value).map(([name, child]) => [name, convertNode(child, joinPath(path, `properties.${name}`), context, depth + 1)]),
          );
        }
        break;
      case 'items':
        if (Array.isArray(value)) drop(context, 'items (tuple form)', path);
        else out['items'] = convertNode(value, joinPath(path, 'items'), context, depth + 1);
        break;
      case 'format':
        break; // checked below, once the type is known
      default:
        if (SUPPORTED_KEYWORDS.has(keyword)) out[keyword] = value;
        else drop(context, keyword, path);
    }
  }
  applyFormat(out, node['format'], path, context);
  if (out['enum'] !== undefined && out['type'] === undefined) out['type'] = 'string';
  return out;
}

function convertReference(node: JsonObject, reference: string, path: string, context: Context, depth: number): JsonObject {
  const target = resolveLocalReference(context.root, reference);
  if (target === undefined) {
    drop(context, `$ref ${reference} (not a local definition)`, path);
    return {};
  }
  if (context.resolving.includes(reference)) {
    drop(context, `$ref ${reference} (recursive)`, path);
    return {};
  }
  const { $ref: _ignored, ...siblings } = node;
  context.resolving.push(reference);
  try {
    return convertNode({ ...target, ...siblings }, path, context, depth + 1);
  } finally {
    context.resolving.pop();
  }
}

function resolveLocalReference(root: JsonObject, reference: string): JsonObject | undefined {
  if (reference === '#') return root;
  if (!reference.startsWith('#/')) return undefined;
  let current: unknown = root;
  for (const raw of reference.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return isObject(current) ? current : undefined;
}

function applyType(out: JsonObject, value: unknown, path: string, context: Context): void {
  if (typeof value === 'string') {
    if (value === 'null') out['nullable'] = true;
    else out['type'] = value;
    return;
  }
  if (!Array.isArray(value)) {
    drop(context, 'type (not a string or list)', path);
    return;
  }
  const types = value.filter((type): type is string => typeof type === 'string' && type !== 'null');
  if (types.length < value.length) out['nullable'] = true;
  if (types.length === 1) out['type'] = types[0];
  else if (types.length > 1) out['anyOf'] = types.map((type) => ({ type }));
}

function applyAnyOf(out: JsonObject, value: unknown, path: string, context: Context, depth: number): void {
  if (!Array.isArray(value)) return;
  const branches: JsonObject[] = [];
  value.forEach((branch, index) => {
    if (isObject(branch) && branch['type'] === 'null' && Object.keys(branch).length === 1) {
      out['nullable'] = true;
      return;
    }
    branches.push(convertNode(branch, joinPath(path, String(index)), context, depth + 1));
  });
  if (branches.length === 1) Object.assign(out, branches[0]);
  else if (branches.length > 1) out['anyOf'] = branches;
}

function applyFormat(out: JsonObject, format: unknown, path: string, context: Context): void {
  if (format === undefined) return;
  const type = typeof out['type'] === 'string' ? (out['type'] as string) : '';
  if (typeof format === 'string' && SUPPORTED_FORMATS[type]?.has(format)) out['format'] = format;
  else drop(context, `format ${JSON.stringify(format)}`, path);
}

function drop(context: Context, what: string, path: string): void {
  context.dropped.push(path === '' ? what : `${what} at ${path}`);
}

function joinPath(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
