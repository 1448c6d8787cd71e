import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Decodes a Server-Sent Events byte stream into events with eventsource-parser. Robust to events
 * split at any byte boundary, including inside a multi-byte UTF-8 character.
 */
export async function* readSseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<EventSourceMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) yield queue.shift() as EventSourceMessage;
  }
  parser.feed(decoder.decode());
  // A final event without its blank line still counts once the stream has ended.
  parser.feed('\n\n');
  while (queue.length > 0) yield queue.shift() as EventSourceMessage;
}
