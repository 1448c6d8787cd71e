/**
 * Keys of `input` that do not survive parsing into `parsed`: zod drops unknown object keys, so a
 * typo such as `provders` would otherwise be ignored without a word. Paths are dotted
 * (`routing.costMod`, `providers.0.modles`). Record-typed fields keep every key and so never show up.
 */
export function unknownKeys(input: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, index) => unknownKeys(item, parsed[index], join(path, String(index))));
  }
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in parsed)) out.push(join(path, key));
    else out.push(...unknownKeys(value, parsed[key], join(path, key)));
  }
  return out;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
