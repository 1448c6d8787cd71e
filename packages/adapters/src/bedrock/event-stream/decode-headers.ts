import { EventStreamDecodeError } from './event-stream-error';
import { HEADER_TYPE, type EventStreamHeaderValue } from './event-stream-message';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the header section `bytes[start, end)` of one frame. Every length is checked against the
 * end of the header section, so a corrupt length can never read into the payload or past the frame.
 */
export function decodeHeaders(
  bytes: Uint8Array,
  start: number,
  end: number,
  view: DataView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
): Record<string, EventStreamHeaderValue> {
  const headers: Record<string, EventStreamHeaderValue> = {};
  let offset = start;
  while (offset < end) {
    const nameLength = view.getUint8(offset);
    offset += 1;
    if (nameLength === 0 || offset + nameLength + 1 > end) {
      throw new EventStreamDecodeError(
        'invalid_header_name_length',
        `header name length ${nameLength} at byte ${offset - 1} does not fit the ${end - start}-byte header section`,
      );
    }
    const name = decodeUtf8(bytes, offset, offset + nameLength, 'header name');
    offset += nameLength;
    const type = view.getUint8(offset);
    offset += 1;
    const [value, next] = readValue(bytes, view, offset, end, type, name);
    headers[name] = value;
    offset = next;
  }
  return headers;
}

function readValue(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  end: number,
  type: number,
  name: string,
): [EventStreamHeaderValue, number] {
  const need = (length: number): void => {
    if (offset + length > end) {
      throw new EventStreamDecodeError('invalid_header_value', `value of header '${name}' (${length} bytes) runs past the header section`);
    }
  };
  switch (type) {
    case HEADER_TYPE.boolTrue:
      return [{ type: 'boolean', value: true }, offset];
    case HEADER_TYPE.boolFalse:
      return [{ type: 'boolean', value: false }, offset];
    case HEADER_TYPE.byte:
      need(1);
      return [{ type: 'byte', value: view.getInt8(offset) }, offset + 1];
    case HEADER_TYPE.short:
      need(2);
      return [{ type: 'short', value: view.getInt16(offset) }, offset + 2];
    case HEADER_TYPE.integer:
      need(4);
      return [{ type: 'integer', value: view.getInt32(offset) }, offset + 4];
    case HEADER_TYPE.long:
      need(8);
      return [{ type: 'long', value: view.getBigInt64(offset) }, offset + 8];
    case HEADER_TYPE.timestamp:
      need(8);
      return [{ type: 'timestamp', value: new Date(Number(view.getBigInt64(offset))) }, offset + 8];
    case HEADER_TYPE.binary:
    case HEADER_TYPE.string: {
      need(2);
      const length = view.getUint16(offset);
      offset += 2;
      need(length);
      const value: EventStreamHeaderValue =
        type === HEADER_TYPE.binary
          ? { type: 'binary', value: copyBytes(bytes, offset, offset + length) }
          : { type: 'string', value: decodeUtf8(bytes, offset, offset + length, `value of header '${name}'`) };
      return [value, offset + length];
    }
    case HEADER_TYPE.uuid:
      need(16);
      return [{ type: 'uuid', value: formatUuid(bytes.subarray(offset, offset + 16)) }, offset + 16];
    default:
      throw new EventStreamDecodeError(
        'invalid_header_value_type',
        `header '${name}' has unknown value type 0x${type.toString(16).padStart(2, '0')}`,
      );
  }
}

/**
 * Decodes `bytes[start, end)` as UTF-8, rejecting invalid sequences. Header names and values are
 * short ASCII in practice, which a plain loop decodes faster than a TextDecoder call.
 */
function decodeUtf8(bytes: Uint8Array, start: number, end: number, what: string): string {
  if (end - start <= 64) {
    let ascii = '';
    let index = start;
    for (; index < end; index += 1) {
      const byte = bytes[index] as number;
      if (byte >= 0x80) break;
      ascii += String.fromCharCode(byte);
    }
    if (index === end) return ascii;
  }
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch (cause) {
    throw Object.assign(new EventStreamDecodeError('invalid_utf8', `${what} is not valid UTF-8`), { cause });
  }
}

/** A plain `Uint8Array` copy (never a view, never a `Buffer`, whatever the input was). */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}

function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
