import { crc32 } from 'node:zlib';
import {
  HEADER_TYPE,
  MESSAGE_CRC_LENGTH,
  PRELUDE_LENGTH,
  type EventStreamHeaderValue,
} from './event-stream-message';

const utf8 = new TextEncoder();

/**
 * Encodes one event-stream message (prelude, prelude CRC, headers, payload, message CRC). Refract
 * only decodes event streams from Bedrock; the encoder exists so tests, benches and fake upstreams
 * can speak the real wire format.
 *
 * @example
 * const frame = encodeEventStreamMessage(
 *   { ':message-type': { type: 'string', value: 'event' }, ':event-type': { type: 'string', value: 'messageStop' } },
 *   new TextEncoder().encode('{"stopReason":"end_turn"}'),
 * );
 */
export function encodeEventStreamMessage(headers: Record<string, EventStreamHeaderValue>, payload: Uint8Array): Uint8Array {
  const headerBytes = encodeHeaders(headers);
  const totalLength = PRELUDE_LENGTH + headerBytes.byteLength + payload.byteLength + MESSAGE_CRC_LENGTH;
  const out = new Uint8Array(totalLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, totalLength);
  view.setUint32(4, headerBytes.byteLength);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(headerBytes, PRELUDE_LENGTH);
  out.set(payload, PRELUDE_LENGTH + headerBytes.byteLength);
  view.setUint32(totalLength - MESSAGE_CRC_LENGTH, crc32(out.subarray(0, totalLength - MESSAGE_CRC_LENGTH)));
  return out;
}

/** A Bedrock-style event frame: `:message-type: event`, `:event-type`, JSON payload. */
export function encodeBedrockEvent(eventType: string, payload: unknown): Uint8Array {
  return encodeEventStreamMessage(
    {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    utf8.encode(JSON.stringify(payload)),
  );
}

/** A Bedrock-style exception frame: `:message-type: exception`, `:exception-type`, `{message}` payload. */
export function encodeBedrockException(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage(
    {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    utf8.encode(JSON.stringify({ message })),
  );
}

function encodeHeaders(headers: Record<string, EventStreamHeaderValue>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, header] of Object.entries(headers)) {
    const nameBytes = utf8.encode(name);
    parts.push(Uint8Array.of(nameBytes.byteLength), nameBytes, encodeValue(header));
  }
  const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function encodeValue(header: EventStreamHeaderValue): Uint8Array {
  switch (header.type) {
    case 'boolean':
      return Uint8Array.of(header.value ? HEADER_TYPE.boolTrue : HEADER_TYPE.boolFalse);
    case 'byte':
      return fixed(HEADER_TYPE.byte, 1, (view) => view.setInt8(1, header.value));
    case 'short':
      return fixed(HEADER_TYPE.short, 2, (view) => view.setInt16(1, header.value));
    case 'integer':
      return fixed(HEADER_TYPE.integer, 4, (view) => view.setInt32(1, header.value));
    case 'long':
      return fixed(HEADER_TYPE.long, 8, (view) => view.setBigInt64(1, header.value));
    case 'timestamp':
      return fixed(HEADER_TYPE.timestamp, 8, (view) => view.setBigInt64(1, BigInt(header.value.getTime())));
    case 'binary':
    case 'string': {
      const bytes = header.type === 'binary' ? header.value : utf8.encode(header.value);
      const out = new Uint8Array(3 + bytes.byteLength);
      out[0] = header.type === 'binary' ? HEADER_TYPE.binary : HEADER_TYPE.string;
      new DataView(out.buffer).setUint16(1, bytes.byteLength);
      out.set(bytes, 3);
      return out;
    }
    case 'uuid':
      return Uint8Array.from([HEADER_TYPE.uuid, ...Buffer.from(header.value.replaceAll('-', ''), 'hex')]);
  }
}

function fixed(type: number, size: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(1 + size);
  out[0] = type;
  write(new DataView(out.buffer));
  return out;
}
