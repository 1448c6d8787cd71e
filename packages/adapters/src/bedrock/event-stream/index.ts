export { EventStreamDecoder, decodeEventStreamMessages, readEventStream } from './event-stream-decoder';
export { encodeEventStreamMessage, encodeBedrockEvent, encodeBedrockException } from './event-stream-encoder';
export { EventStreamDecodeError, type EventStreamErrorCode } from './event-stream-error';
export { headerString, type EventStreamHeaderValue, type EventStreamMessage } from './event-stream-message';
