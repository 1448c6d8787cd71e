/** Why an `application/vnd.amazon.eventstream` byte stream could not be decoded. */
export type EventStreamErrorCode =
  | 'prelude_checksum_mismatch'
  | 'message_checksum_mismatch'
  | 'invalid_message_length'
  | 'invalid_headers_length'
  | 'invalid_header_name_length'
  | 'invalid_header_value_type'
  | 'invalid_header_value'
  | 'invalid_utf8'
  | 'truncated_message';

/**
 * A typed decode failure of the AWS event-stream framing. `code` says what was wrong; for checksum
 * mismatches `expected` is the CRC32 carried by the frame and `actual` the one computed over the bytes.
 */
export class EventStreamDecodeError extends Error {
  override readonly name = 'EventStreamDecodeError';
  readonly code: EventStreamErrorCode;
  readonly expected: number | undefined;
  readonly actual: number | undefined;

  constructor(code: EventStreamErrorCode, message: string, checksums: { expected?: number; actual?: number } = {}) {
    super(`event stream: ${message}`);
    this.code = code;
    this.expected = checksums.expected;
    this.actual = checksums.actual;
  }
}

export function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
