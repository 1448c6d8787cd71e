import { describe, expect, it } from 'vitest';
import { readLines } from './ndjson';
import { readSseEvents } from './sse';

async function* bytes(text: string, size: number): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let offset = 0; offset < all.length; offset += size) yield all.slice(offset, offset + size);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const sse = 'event: message_start\ndata: {"a":"héllo ✓"}\n\n: comment\n\ndata: {"b":2}\r\n\r\ndata: [DONE]\n\n';

describe('readSseEvents', () => {
  it.each([1, 2, 3, 7, 1000])('decodes events split every %i bytes, multi-byte characters included', async (size) => {
    const events = await collect(readSseEvents(bytes(sse, size)));
    expect(events.map((event) => [event.event, event.data])).toEqual([
      ['message_start', '{"a":"héllo ✓"}'],
      [undefined, '{"b":2}'],
      [undefined, '[DONE]'],
    ]);
  });

  it('yields a final event that lacks its blank line', async () => {
    const events = await collect(readSseEvents(bytes('data: {"x":1}\n', 4)));
    expect(events.map((event) => event.data)).toEqual(['{"x":1}']);
  });
});

describe('readLines', () => {
  it.each([1, 5, 1000])('splits NDJSON split every %i bytes and skips blank lines', async (size) => {
    const lines = await collect(readLines(bytes('{"a":1}\n\n{"b":"ü"}\r\n{"c":3}', size)));
    expect(lines).toEqual(['{"a":1}', '{"b":"ü"}', '{"c":3}']);
  });
});
