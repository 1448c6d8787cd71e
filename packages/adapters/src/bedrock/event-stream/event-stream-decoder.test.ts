import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import {
  EventStreamDecodeError,
  EventStreamDecoder,
  decodeEventStreamMessages,
  encodeEventStreamMessage,
  readEventStream,
  type EventStreamHeaderValue,
  type EventStreamMessage,
} from './index';

const vector = (name: string): Uint8Array => new Uint8Array(readFileSync(join(PROVIDER_FIXTURES(), 'smithy-rs-eventstream', `${name}.bin`)));
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function decodeError(bytes: Uint8Array): EventStreamDecodeError {
  try {
    decodeEventStreamMessages(bytes);
  } catch (error) {
    if (error instanceof EventStreamDecodeError) return error;
    throw error;
  }
  throw new Error('expected a decode error');
}

/** Expected values from the smithy-rs frame.rs tests, as listed in fixtures PROVENANCE.md. */
const ALL_HEADERS: Record<string, EventStreamHeaderValue> = {
  true: { type: 'boolean', value: true },
  false: { type: 'boolean', value: false },
  byte: { type: 'byte', value: 50 },
  short: { type: 'short', value: 20000 },
  int: { type: 'integer', value: 500000 },
  long: { type: 'long', value: 50_000_000_000n },
  bytes: { type: 'binary', value: new TextEncoder().encode('some bytes') },
  str: { type: 'string', value: 'some str' },
  time: { type: 'timestamp', value: new Date(5_000_000_000) },
  uuid: { type: 'uuid', value: 'b79bc914-de21-4e13-b8b2-bc47e85b7f0b' },
};

describe('smithy-rs event-stream vectors', () => {
  it('decodes valid_with_all_headers_and_payload: every header type and the payload', () => {
    const [message, ...rest] = decodeEventStreamMessages(vector('valid_with_all_headers_and_payload'));
    expect(rest).toHaveLength(0);
    expect(message?.headers).toEqual(ALL_HEADERS);
    expect(Object.keys(message?.headers ?? {})).toEqual(Object.keys(ALL_HEADERS));
    expect(text(message?.payload ?? new Uint8Array())).toBe('some payload');
  });

  it('decodes valid_empty_payload and valid_no_headers', () => {
    const [empty] = decodeEventStreamMessages(vector('valid_empty_payload'));
    expect(empty?.headers).toEqual({ 'some-header': { type: 'short', value: 500 } });
    expect(empty?.payload.byteLength).toBe(0);
    const [noHeaders] = decodeEventStreamMessages(vector('valid_no_headers'));
    expect(noHeaders?.headers).toEqual({});
    expect(text(noHeaders?.payload ?? new Uint8Array())).toBe('another test payload');
  });

  it('rejects invalid_prelude_checksum with both checksums named', () => {
    const error = decodeError(vector('invalid_prelude_checksum'));
    expect(error.code).toBe('prelude_checksum_mismatch');
    expect(error.actual).toBe(0x8bb495fb);
    expect(error.expected).toBe(0xdeadbeef);
    expect(error.message).toContain('0x8bb495fb');
    expect(error.message).toContain('0xdeadbeef');
  });

  it('rejects invalid_message_checksum with both checksums named', () => {
    const error = decodeError(vector('invalid_message_checksum'));
    expect(error.code).toBe('message_checksum_mismatch');
    expect(error.actual).toBe(0x01a05860);
    expect(error.expected).toBe(0xdeadbeef);
  });

  it.each([
    ['invalid_header_string_value_length', 'invalid_header_value'],
    ['invalid_header_string_length_cut_off', 'invalid_header_value'],
    ['invalid_header_value_type', 'invalid_header_value_type'],
    ['invalid_header_name_length', 'invalid_header_name_length'],
    ['invalid_headers_length', 'invalid_headers_length'],
  ] as const)('rejects %s with %s (smithy-rs gives the same error)', (name, code) => {
    expect(decodeError(vector(name)).code).toBe(code);
  });

  it('names the unknown header value type 0x60', () => {
    expect(decodeError(vector('invalid_header_value_type')).message).toContain('0x60');
  });

  it('rejects invalid_header_name_length_too_long because the name runs past the header section', () => {
    // smithy-rs reports InvalidUtf8String here: it reads the 102-byte name from the rest of the input
    // buffer, past the 77-byte header section and even past the 93-byte frame, and that junk is not
    // UTF-8. Our decoder bounds every length by the header section, so the first thing wrong is the
    // name length itself. Invalid UTF-8 inside the section is tested separately below.
    const bytes = vector('invalid_header_name_length_too_long');
    expect(bytes.byteLength).toBe(123);
    expect(decodeError(bytes).code).toBe('invalid_header_name_length');
  });
});

describe('EventStreamDecoder', () => {
  const frames = [
    vector('valid_with_all_headers_and_payload'),
    vector('valid_empty_payload'),
    vector('valid_no_headers'),
  ];
  const stream = Buffer.concat(frames);

  it('decodes frames split at every possible byte boundary', () => {
    const whole = decodeEventStreamMessages(stream);
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < stream.byteLength; cut += 1) {
      const decoder = new EventStreamDecoder();
      const messages = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      decoder.end();
      expect(messages).toEqual(whole);
    }
  });

  it.each([1, 2, 3, 5, 7, 13])('decodes a stream fed %i bytes at a time', async (size) => {
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < stream.byteLength; offset += size) yield stream.subarray(offset, offset + size);
    }
    const messages: EventStreamMessage[] = [];
    for await (const message of readEventStream(pieces())) messages.push(message);
    expect(messages).toEqual(decodeEventStreamMessages(stream));
  });

  it('reports a stream that ends inside a frame as truncated', () => {
    const decoder = new EventStreamDecoder();
    expect(decoder.push(stream.subarray(0, 160))).toHaveLength(1);
    expect(() => decoder.end()).toThrow(expect.objectContaining({ code: 'truncated_message' }));
  });

  it('refuses more input after a failure', () => {
    const decoder = new EventStreamDecoder();
    expect(() => decoder.push(vector('invalid_prelude_checksum'))).toThrow(EventStreamDecodeError);
    expect(() => decoder.push(frames[1] as Uint8Array)).toThrow(expect.objectContaining({ code: 'prelude_checksum_mismatch' }));
  });

  it('rejects a header name that is not UTF-8', () => {
    const frame = encodeEventStreamMessage({ abc: { type: 'boolean', value: true } }, new Uint8Array());
    frame[13] = 0xc3; // first byte of the name becomes a lone UTF-8 lead byte
    frame[14] = 0x28;
    // Both checksums are recomputed so only the name is wrong.
    const fixedFrame = recomputeChecksums(frame);
    expect(decodeError(fixedFrame).code).toBe('invalid_utf8');
  });

  it('rejects a message length below the 16-byte minimum', () => {
    const frame = recomputeChecksums(Uint8Array.from([0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(decodeError(frame).code).toBe('invalid_message_length');
  });

  it('round-trips every header type through the encoder', () => {
    const payload = new TextEncoder().encode('{"a":"ü"}');
    const [message] = decodeEventStreamMessages(encodeEventStreamMessage(ALL_HEADERS, payload));
    expect(message?.headers).toEqual(ALL_HEADERS);
    expect(message?.payload).toEqual(payload);
  });

  it('encodes the smithy-rs vector byte for byte', () => {
    expect(encodeEventStreamMessage(ALL_HEADERS, new TextEncoder().encode('some payload'))).toEqual(
      vector('valid_with_all_headers_and_payload'),
    );
  });
});

function recomputeChecksums(frame: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(frame);
  const view = new DataView(copy.buffer);
  view.setUint32(8, crc32(copy.subarray(0, 8)));
  view.setUint32(copy.byteLength - 4, crc32(copy.subarray(0, copy.byteLength - 4)));
  return copy;
}
