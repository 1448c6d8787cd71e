/** One header value of an event-stream message, tagged with its wire type (0–9). */
export type EventStreamHeaderValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'byte'; value: number }
  | { type: 'short'; value: number }
  | { type: 'integer'; value: number }
  | { type: 'long'; value: bigint }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'string'; value: string }
  | { type: 'timestamp'; value: Date }
  | { type: 'uuid'; value: string };

/** A decoded event-stream message: its headers by name and its raw payload. */
export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

/** Wire type codes of header values. */
export const HEADER_TYPE = {
  boolTrue: 0,
  boolFalse: 1,
  byte: 2,
  short: 3,
  integer: 4,
  long: 5,
  binary: 6,
  string: 7,
  timestamp: 8,
  uuid: 9,
} as const;

/** Prelude = total length (4) + headers length (4) + prelude CRC32 (4). */
export const PRELUDE_LENGTH = 12;
/** Trailing message CRC32. */
export const MESSAGE_CRC_LENGTH = 4;
/** Largest message the decoder accepts (the AWS limit is 16 MiB). */
export const MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
/** Largest header section the decoder accepts (the AWS limit is 128 KiB). */
export const MAX_HEADERS_LENGTH = 128 * 1024;

/** The string value of a header, or undefined when absent or not a string. */
export function headerString(message: EventStreamMessage, name: string): string | undefined {
  const header = message.headers[name];
  return header?.type === 'string' ? header.value : undefined;
}
