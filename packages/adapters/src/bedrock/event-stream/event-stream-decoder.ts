import { crc32 } from 'node:zlib';
import { copyBytes, decodeHeaders } from './decode-headers';
import { EventStreamDecodeError, hex32 } from './event-stream-error';
import {
  MAX_HEADERS_LENGTH,
  MAX_MESSAGE_LENGTH,
  MESSAGE_CRC_LENGTH,
  PRELUDE_LENGTH,
  type EventStreamMessage,
} from './event-stream-message';

interface Prelude {
  totalLength: number;
  headersLength: number;
}

/**
 * Incremental decoder of the binary `application/vnd.amazon.eventstream` framing used by Bedrock's
 * ConverseStream. Feed it bytes as they arrive, split at any boundary; it returns every message
 * completed so far. Each frame is: total length, headers length, prelude CRC32 (checked as soon as
 * the 12 prelude bytes are in), headers, payload, message CRC32 (checked before the message is
 * returned). A failure throws an `EventStreamDecodeError`, after which the decoder refuses more input.
 *
 * @example
 * const decoder = new EventStreamDecoder();
 * for await (const chunk of body) for (const message of decoder.push(chunk)) handle(message);
 * decoder.end(); // throws if the stream stopped inside a frame
 */
export class EventStreamDecoder {
  private readonly chunks: Uint8Array[] = [];
  private buffered = 0;
  private prelude: Prelude | undefined;
  private failure: EventStreamDecodeError | undefined;

  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.failure) throw this.failure;
    if (chunk.byteLength > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.byteLength;
    }
    const messages: EventStreamMessage[] = [];
    try {
      for (;;) {
        if (this.prelude === undefined) {
          if (this.buffered < PRELUDE_LENGTH) break;
          this.prelude = readPrelude(this.peek(PRELUDE_LENGTH));
        }
        if (this.buffered < this.prelude.totalLength) break;
        messages.push(decodeFrame(this.take(this.prelude.totalLength), this.prelude));
        this.prelude = undefined;
      }
    } catch (error) {
      this.failure = error instanceof EventStreamDecodeError ? error : new EventStreamDecodeError('invalid_message_length', String(error));
      throw this.failure;
    }
    return messages;
  }

  /** Call when the byte stream ended: throws if it stopped in the middle of a frame. */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.buffered > 0) {
      const expected = this.prelude ? `${this.prelude.totalLength}-byte message` : 'message prelude';
      this.failure = new EventStreamDecodeError('truncated_message', `the stream ended after ${this.buffered} bytes of a ${expected}`);
      throw this.failure;
    }
  }

  /** The first `length` buffered bytes, without consuming them. */
  private peek(length: number): Uint8Array {
    const first = this.chunks[0];
    if (first && first.byteLength >= length) return first.subarray(0, length);
    return concat(this.chunks, length);
  }

  /** Removes and returns the first `length` buffered bytes. */
  private take(length: number): Uint8Array {
    const first = this.chunks[0];
    let out: Uint8Array;
    if (first && first.byteLength >= length) {
      out = first.subarray(0, length);
    } else {
      out = concat(this.chunks, length);
    }
    let remaining = length;
    while (remaining > 0) {
      const head = this.chunks[0] as Uint8Array;
      if (head.byteLength <= remaining) {
        this.chunks.shift();
        remaining -= head.byteLength;
      } else {
        this.chunks[0] = head.subarray(remaining);
        remaining = 0;
      }
    }
    this.buffered -= length;
    return out;
  }
}

/** Decodes a buffer that holds whole frames only (e.g. a test vector) into its messages. */
export function decodeEventStreamMessages(bytes: Uint8Array): EventStreamMessage[] {
  const decoder = new EventStreamDecoder();
  const messages = decoder.push(bytes);
  decoder.end();
  return messages;
}

/** Decodes a response body into messages, robust to frames split across reads. */
export async function* readEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<EventStreamMessage> {
  const decoder = new EventStreamDecoder();
  for await (const chunk of body) yield* decoder.push(chunk);
  decoder.end();
}

function readPrelude(bytes: Uint8Array): Prelude {
  const view = new DataView(bytes.buffer, bytes.byteOffset, PRELUDE_LENGTH);
  const totalLength = view.getUint32(0);
  const headersLength = view.getUint32(4);
  const expected = view.getUint32(8);
  const actual = crc32(bytes.subarray(0, 8));
  if (actual !== expected) {
    throw new EventStreamDecodeError(
      'prelude_checksum_mismatch',
      `prelude checksum mismatch: computed ${hex32(actual)}, frame carries ${hex32(expected)}`,
      { expected, actual },
    );
  }
  if (totalLength < PRELUDE_LENGTH + MESSAGE_CRC_LENGTH || totalLength > MAX_MESSAGE_LENGTH) {
    throw new EventStreamDecodeError('invalid_message_length', `message length ${totalLength} is outside 16..${MAX_MESSAGE_LENGTH}`);
  }
  if (headersLength > MAX_HEADERS_LENGTH || headersLength > totalLength - PRELUDE_LENGTH - MESSAGE_CRC_LENGTH) {
    throw new EventStreamDecodeError(
      'invalid_headers_length',
      `headers length ${headersLength} does not fit a ${totalLength}-byte message`,
    );
  }
  return { totalLength, headersLength };
}

/**
 * Decodes one complete frame. Headers are parsed before the message checksum is compared, the order
 * the smithy-rs reference decoder uses, so a corrupt header reports what is wrong with it; either
 * way no message is returned unless both checksums match.
 */
function decodeFrame(bytes: Uint8Array, prelude: Prelude): EventStreamMessage {
  const headersEnd = PRELUDE_LENGTH + prelude.headersLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers = decodeHeaders(bytes, PRELUDE_LENGTH, headersEnd, view);
  const crcOffset = prelude.totalLength - MESSAGE_CRC_LENGTH;
  const expected = view.getUint32(crcOffset);
  const actual = crc32(bytes.subarray(0, crcOffset));
  if (actual !== expected) {
    throw new EventStreamDecodeError(
      'message_checksum_mismatch',
      `message checksum mismatch: computed ${hex32(actual)}, frame carries ${hex32(expected)}`,
      { expected, actual },
    );
  }
  return { headers, payload: copyBytes(bytes, headersEnd, crcOffset) };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= length) break;
    const part = chunk.subarray(0, Math.min(chunk.byteLength, length - offset));
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
