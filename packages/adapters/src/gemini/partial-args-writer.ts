import type { GeminiPartialArg } from './gemini-api-types';

type Segment = string | number;

interface Container {
  kind: 'object' | 'array';
  /** The segment that leads from the parent container to this one (undefined for the root). */
  segment: Segment | undefined;
  pathKey: string;
  count: number;
  keys: Set<string>;
}

/** The partial arguments are not in document order, so they cannot be streamed as JSON text. */
export class PartialArgsOrderError extends Error {
  override readonly name = 'PartialArgsOrderError';
}

/**
 * Turns Gemini's streamed function-call arguments (`partialArgs`: one value at a JSON path per
 * entry, strings possibly continued over several chunks) into JSON text fragments, emitted as they
 * arrive, whose concatenation is the arguments object. Gemini emits paths in document order; a
 * path that would reopen a finished object or array, repeat a key or skip an array index throws
 * `PartialArgsOrderError` rather than produce invalid JSON.
 *
 * @example
 * const writer = new PartialArgsWriter();
 * writer.apply({ jsonPath: '$.location', stringValue: 'Bos', willContinue: true }); // '{"location":"Bos'
 * writer.apply({ jsonPath: '$.location', stringValue: 'ton' });                     // 'ton"'
 * writer.finish();                                                                  // '}'
 */
export class PartialArgsWriter {
  private readonly stack: Container[] = [];
  private readonly closed = new Set<string>();
  private openString: string | undefined;

  apply(argument: GeminiPartialArg): string {
    const segments = parseJsonPath(argument.jsonPath ?? '');
    const pathKey = JSON.stringify(segments);
    let out = '';
    if (this.stack.length === 0) {
      out += '{';
      this.stack.push(newContainer('object', undefined, '[]'));
    }
    if (this.openString !== undefined) {
      if (this.openString === pathKey && argument.stringValue !== undefined) {
        out += escapeString(argument.stringValue);
        if (!argument.willContinue) {
          out += '"';
          this.openString = undefined;
        }
        return out;
      }
      out += '"';
      this.openString = undefined;
    }
    const parent = segments.slice(0, -1);
    const leaf = segments.at(-1) as Segment;
    out += this.moveTo(parent, leaf);
    out += this.member(this.top(), leaf);
    out += this.value(argument, pathKey);
    return out;
  }

  /** The text that closes every open string, object and array. */
  finish(): string {
    if (this.stack.length === 0) return '{}';
    let out = this.openString !== undefined ? '"' : '';
    this.openString = undefined;
    while (this.stack.length > 0) out += this.close();
    return out;
  }

  private moveTo(parent: Segment[], leaf: Segment): string {
    let common = 0;
    while (common < parent.length && common + 1 < this.stack.length && this.stack[common + 1]?.segment === parent[common]) common += 1;
    let out = '';
    while (this.stack.length - 1 > common) out += this.close();
    for (let depth = common; depth < parent.length; depth += 1) {
      const segment = parent[depth] as Segment;
      const next = depth + 1 < parent.length ? (parent[depth + 1] as Segment) : leaf;
      const pathKey = JSON.stringify(parent.slice(0, depth + 1));
      if (this.closed.has(pathKey)) throw new PartialArgsOrderError(`partial arguments reopen ${pathKey} after it was finished`);
      out += this.member(this.top(), segment);
      const kind = typeof next === 'number' ? 'array' : 'object';
      out += kind === 'object' ? '{' : '[';
      this.stack.push(newContainer(kind, segment, pathKey));
    }
    return out;
  }

  private member(container: Container, segment: Segment): string {
    const separator = container.count > 0 ? ',' : '';
    if (container.kind === 'object') {
      if (typeof segment !== 'string') throw new PartialArgsOrderError(`index [${segment}] used on an object`);
      if (container.keys.has(segment)) throw new PartialArgsOrderError(`key ${JSON.stringify(segment)} repeated`);
      container.keys.add(segment);
      container.count += 1;
      return `${separator}${JSON.stringify(segment)}:`;
    }
    if (segment !== container.count) throw new PartialArgsOrderError(`array index [${String(segment)}] where [${container.count}] was expected`);
    container.count += 1;
    return separator;
  }

  private value(argument: GeminiPartialArg, pathKey: string): string {
    if (argument.stringValue !== undefined) {
      if (argument.willContinue) {
        this.openString = pathKey;
        return `"${escapeString(argument.stringValue)}`;
      }
      return JSON.stringify(argument.stringValue);
    }
    if (argument.numberValue !== undefined) return Number.isFinite(argument.numberValue) ? JSON.stringify(argument.numberValue) : 'null';
    if (argument.boolValue !== undefined) return argument.boolValue ? 'true' : 'false';
    if ('nullValue' in argument) return 'null';
    throw new PartialArgsOrderError(`partial argument at ${argument.jsonPath ?? '?'} has no value`);
  }

  private close(): string {
    const container = this.stack.pop() as Container;
    this.closed.add(container.pathKey);
    return container.kind === 'object' ? '}' : ']';
  }

  private top(): Container {
    return this.stack.at(-1) as Container;
  }
}

function newContainer(kind: Container['kind'], segment: Segment | undefined, pathKey: string): Container {
  return { kind, segment, pathKey, count: 0, keys: new Set() };
}

function escapeString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Parses `$.a.b[0]['c d']` into `['a', 'b', 0, 'c d']`. */
export function parseJsonPath(path: string): Segment[] {
  if (!path.startsWith('$')) throw new PartialArgsOrderError(`unsupported JSON path ${JSON.stringify(path)}`);
  const segments: Segment[] = [];
  let position = 1;
  while (position < path.length) {
    const char = path[position];
    if (char === '.') {
      const end = nextDelimiter(path, position + 1);
      segments.push(path.slice(position + 1, end));
      position = end;
    } else if (char === '[') {
      const quote = path[position + 1];
      if (quote === "'" || quote === '"') {
        const end = path.indexOf(`${quote}]`, position + 2);
        if (end < 0) throw new PartialArgsOrderError(`unterminated key in JSON path ${JSON.stringify(path)}`);
        segments.push(path.slice(position + 2, end).replace(/\\(.)/g, '$1'));
        position = end + 2;
      } else {
        const end = path.indexOf(']', position);
        const index = Number(path.slice(position + 1, end));
        if (end < 0 || !Number.isInteger(index) || index < 0) throw new PartialArgsOrderError(`bad index in JSON path ${JSON.stringify(path)}`);
        segments.push(index);
        position = end + 1;
      }
    } else {
      throw new PartialArgsOrderError(`unsupported JSON path ${JSON.stringify(path)}`);
    }
  }
  if (segments.length === 0) throw new PartialArgsOrderError('a partial argument must name a property, not the root');
  return segments;
}

function nextDelimiter(path: string, from: number): number {
  for (let index = from; index < path.length; index += 1) {
    if (path[index] === '.' || path[index] === '[') return index;
  }
  return path.length;
}
